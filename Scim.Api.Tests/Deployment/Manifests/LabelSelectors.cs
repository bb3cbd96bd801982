using k8s.Models;

namespace Scim.Api.Tests.Deployment.Manifests;

/// <summary>Label selector semantics (matchLabels and matchExpressions), as the API server applies them.</summary>
internal static class LabelSelectors
{
    public static bool Matches(V1LabelSelector selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        var byLabels = (selector.MatchLabels ?? new Dictionary<string, string>())
            .All(required => labels.TryGetValue(required.Key, out var value) && value == required.Value);
        var byExpressions = (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var value) && e.Values.Contains(value),
            "NotIn" => !labels.TryGetValue(e.Key, out var value) || !e.Values.Contains(value),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => throw new InvalidDataException($"Unknown label selector operator '{e.OperatorProperty}'."),
        });
        return byLabels && byExpressions;
    }

    public static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && Matches(new V1LabelSelector { MatchLabels = selector }, labels);

    /// <summary>A selector that names nothing selects everything; the tests want that spelled out.</summary>
    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0);
}
