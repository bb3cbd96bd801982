using System.Collections.Frozen;

namespace Scim.Api.Core.Bulk;

/// <summary>
/// Orders a bulk request so that every POST runs before the operations that refer to its bulkId, whatever their
/// order in the request (RFC 7644 §3.7.2); apart from that, operations run in the order of the request.
/// <para>
/// A circular reference is broken as RFC 7644 §3.7.1 describes: the first POST of the cycle (in request order) is
/// created without its references to resources not created yet, and a Complete step PATCHes them in once those
/// exist. Operations outside the cycle that refer to that POST wait for its completion, so they see the resource
/// whole, or failed. A cycle none of whose references can be left out of a create is rejected with 409.
/// </para>
/// The plan does no I/O; the executor runs it step by step.
/// </summary>
public static class BulkPlanner
{
    public static BulkPlan Plan(IReadOnlyList<BulkOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return new Graph(operations).Plan();
    }

    private sealed class Node(BulkStepKind kind, int operation)
    {
        public BulkStepKind Kind { get; } = kind;

        public int Operation { get; } = operation;

        public HashSet<Node> Dependencies { get; } = [];

        public HashSet<Node> Dependents { get; } = [];

        /// <summary>The node each referenced bulkId makes this Execute node wait for.</summary>
        public Dictionary<string, Node> WaitsFor { get; } = new(StringComparer.Ordinal);

        /// <summary>How many dependencies are not scheduled yet.</summary>
        public int Pending { get; set; }

        public bool Scheduled { get; set; }

        public IReadOnlySet<string> Deferred { get; set; } = FrozenSet<string>.Empty;

        public (int, int) Priority => (Operation, (int)Kind);
    }

    private sealed class Graph
    {
        private readonly IReadOnlyList<BulkOperation> _operations;
        private readonly List<Node> _nodes = [];
        private readonly Dictionary<string, Node> _definers = new(StringComparer.Ordinal);
        private readonly PriorityQueue<Node, (int, int)> _ready = new();
        private readonly List<BulkStep> _steps = [];

        public Graph(IReadOnlyList<BulkOperation> operations)
        {
            _operations = operations;
            foreach (var operation in operations)
            {
                var node = new Node(BulkStepKind.Execute, operation.Index);
                _nodes.Add(node);
                if (operation.DefinesBulkId)
                {
                    _definers[operation.BulkId!] = node;
                }
            }

            foreach (var node in _nodes)
            {
                // References to bulkIds no POST defines get no edge: resolving them fails when the operation runs.
                foreach (var bulkId in BulkReferences.Of(operations[node.Operation]))
                {
                    if (_definers.TryGetValue(bulkId, out var definer))
                    {
                        node.WaitsFor[bulkId] = definer;
                        AddEdge(node, definer);
                    }
                }
            }
        }

        public BulkPlan Plan()
        {
            foreach (var node in _nodes.Where(n => n.Pending == 0))
            {
                _ready.Enqueue(node, node.Priority);
            }

            while (_steps.Count < _nodes.Count)
            {
                if (_ready.TryDequeue(out var next, out _))
                {
                    // A rejected cycle's members may have become ready while it was being rejected.
                    if (!next.Scheduled)
                    {
                        Schedule(next, new BulkStep(next.Kind, next.Operation, next.Deferred));
                    }
                }
                else
                {
                    BreakCycle();
                }
            }

            return new BulkPlan(_steps);
        }

        // Every unscheduled node waits for another one, so some of them wait for each other.
        private void BreakCycle()
        {
            var cycle = FindCycle();
            foreach (var candidate in cycle.OrderBy(n => n.Priority))
            {
                var operation = _operations[candidate.Operation];
                if (candidate.Kind != BulkStepKind.Execute || operation.Method != BulkMethod.Post || operation.Data is null)
                {
                    continue;
                }

                var deferred = candidate.WaitsFor.Where(w => !w.Value.Scheduled).Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
                if (deferred.Count > 0 && BulkDeferral.CanDefer(operation.Data, deferred))
                {
                    Defer(candidate, deferred);
                    return;
                }
            }

            Reject(cycle);
        }

        private List<Node> FindCycle()
        {
            var current = _nodes.Where(n => !n.Scheduled).MinBy(n => n.Priority)!;
            var path = new List<Node>();
            var positions = new Dictionary<Node, int>();
            while (!positions.ContainsKey(current))
            {
                positions[current] = path.Count;
                path.Add(current);
                current = current.Dependencies.Where(d => !d.Scheduled).MinBy(d => d.Priority)!;
            }

            return path[positions[current]..];
        }

        private void Defer(Node post, HashSet<string> deferred)
        {
            var completion = new Node(BulkStepKind.Complete, post.Operation) { Deferred = deferred };
            _nodes.Add(completion);
            AddEdge(completion, post);
            foreach (var bulkId in deferred)
            {
                AddEdge(completion, _definers[bulkId]);
            }

            foreach (var bulkId in deferred)
            {
                RemoveEdge(post, post.WaitsFor[bulkId]);
                post.WaitsFor.Remove(bulkId);
            }

            post.Deferred = deferred;

            // What the completion waits for must not wait for the completion: those keep waiting for the create.
            var upstream = Upstream(completion);
            foreach (var dependent in post.Dependents.Where(d => d != completion && !upstream.Contains(d)).ToList())
            {
                AddEdge(dependent, completion);
                RemoveEdge(dependent, post);
                foreach (var bulkId in dependent.WaitsFor.Where(w => w.Value == post).Select(w => w.Key).ToList())
                {
                    dependent.WaitsFor[bulkId] = completion;
                }
            }
        }

        private static HashSet<Node> Upstream(Node start)
        {
            var seen = new HashSet<Node>();
            var queue = new Queue<Node>([start]);
            while (queue.TryDequeue(out var node))
            {
                foreach (var dependency in node.Dependencies.Where(d => !d.Scheduled && seen.Add(d)))
                {
                    queue.Enqueue(dependency);
                }
            }

            return seen;
        }

        private void Reject(List<Node> cycle)
        {
            var chain = string.Join(" → ", cycle.Append(cycle[0]).Select(n => _operations[n.Operation].Name));
            foreach (var node in cycle.OrderBy(n => n.Priority))
            {
                var detail = $"{_operations[node.Operation].Name} is part of a circular bulkId reference ({chain}) that cannot be resolved: "
                    + "none of its references is in an attribute that can be added after the resource is created (RFC 7644 §3.7.1).";
                Schedule(node, new BulkStep(BulkStepKind.Reject, node.Operation, FrozenSet<string>.Empty, detail));
            }
        }

        private void Schedule(Node node, BulkStep step)
        {
            node.Scheduled = true;
            _steps.Add(step);
            foreach (var dependent in node.Dependents.Where(d => !d.Scheduled))
            {
                dependent.Pending--;
                if (dependent.Pending == 0)
                {
                    _ready.Enqueue(dependent, dependent.Priority);
                }
            }
        }

        private static void AddEdge(Node from, Node to)
        {
            if (from.Dependencies.Add(to))
            {
                to.Dependents.Add(from);
                if (!to.Scheduled)
                {
                    from.Pending++;
                }
            }
        }

        private void RemoveEdge(Node from, Node to)
        {
            if (from.Dependencies.Remove(to))
            {
                to.Dependents.Remove(from);
                if (!to.Scheduled && --from.Pending == 0 && !from.Scheduled)
                {
                    _ready.Enqueue(from, from.Priority);
                }
            }
        }
    }
}
