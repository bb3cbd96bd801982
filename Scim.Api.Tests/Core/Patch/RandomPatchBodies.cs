using System.Text.Json.Nodes;

namespace Scim.Api.Tests.Core.Patch;

/// <summary>Random and mutated PATCH bodies for robustness tests; deterministic for a given seed.</summary>
internal sealed class RandomPatchBodies(int seed)
{
    private static readonly string[] Ops = ["add", "replace", "remove", "Add", "Replace", "Remove", "REMOVE"];

    private static readonly string[] InvalidOps = ["move", "", "copy", "test"];

    private static readonly string[] Paths =
    [
        "userName", "displayName", "nickName", "active", "title", "password", "externalId", "id", "meta", "meta.created",
        "groups", "schemas", "name", "name.givenName", "name.familyName", "NAME.givenname", "name.bogus",
        "emails", "emails.value", "emails.primary", "emails[type eq \"work\"]", "emails[type eq \"work\"].value",
        "emails[type eq \"home\"].primary", "emails[primary eq true].value", "emails[value co \"@\"]", "emails[not (type eq \"work\")]",
        "emails[type eq \"work\" and primary eq true].display", "emails[type pr]", "emails[value gt 5]",
        "phoneNumbers[type eq \"mobile\"].value", "addresses[type eq \"work\"].streetAddress", "addresses[type eq \"home\"]",
        "addresses.region", "x509Certificates", "x509Certificates[value eq \"AA==\"]", "roles", "entitlements[value eq \"x\"]",
        "members", "members[value eq \"m1\"]", "members[value eq \"m1\" or value eq \"m2\"]", "members[display eq \"M\"]",
        "members[value eq \"m1\"].display", "members.value", "members.display",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager",
        "manager[value eq \"mgr\"]", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"mgr\"]",
        "urn:ietf:params:scim:schemas:core:2.0:User:userName", "urn:ietf:params:scim:schemas:core:2.0:Group:displayName",
        "urn:ietf:params:scim:schemas:extension:contoso:2.0:User:badge", "urn:ietf:params:scim:schemas:extension:contoso:2.0:User",
        "urn:x", "urn:", "emails[", "emails]", "emails[type eq]", "[type eq \"work\"]", ".value", "emails..value", "a.b.c",
        "emails[type eq \"work\"].value.x", "emails[type eq \"work\"][value eq \"x\"]", "\u0000", "💥", " ", "members[value eq \"m1\"]]",
    ];

    private static readonly string[] Keys =
    [
        "userName", "displayName", "active", "name", "givenName", "familyName", "emails", "value", "type", "primary",
        "display", "members", "id", "meta", "schemas", "manager", "employeeNumber", "name.givenName", "displayName",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
        "emails[type eq \"work\"].value", "members[value eq \"m1\"]", "$ref", "Operations", "op", "path", "", "x", "urn:bad key",
    ];

    private static readonly string[] Strings = ["", "True", "False", "true", "x", "m1", "m2", "mgr", "work", "home", "AA==", "2020-01-01T00:00:00Z", "42", " "];

    private readonly Random _random = new(seed);

    public JsonNode? NextBody()
    {
        var operations = new JsonArray();
        var count = _random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            operations.Add(NextOperation());
        }

        var body = new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:PatchOp"), ["Operations"] = operations };
        return _random.Next(8) == 0 ? Mutate(body) : body;
    }

    /// <summary>A valid-looking body with one or more structural mutations.</summary>
    public JsonNode? Mutate(JsonNode? node)
    {
        var mutations = _random.Next(1, 4);
        for (var i = 0; i < mutations; i++)
        {
            node = MutateOnce(node);
        }

        return node;
    }

    private JsonNode? MutateOnce(JsonNode? node)
    {
        var all = Descendants(node).ToList();
        if (all.Count == 0)
        {
            return NextValue(2);
        }

        var target = all[_random.Next(all.Count)];
        var replacement = NextValue(2);
        if (target.Parent is JsonObject parent)
        {
            var key = parent.First(pair => ReferenceEquals(pair.Value, target)).Key;
            switch (_random.Next(4))
            {
                case 0:
                    parent.Remove(key);
                    break;
                case 1:
                    parent[key] = replacement;
                    break;
                case 2:
                    parent[Pick(Keys)] = replacement;
                    break;
                default:
                    parent.Remove(key);
                    parent[key.ToUpperInvariant()] = target;
                    break;
            }

            return node;
        }

        if (target.Parent is JsonArray array)
        {
            var index = array.IndexOf(target);
            if (_random.Next(2) == 0)
            {
                array.RemoveAt(index);
            }
            else
            {
                array[index] = replacement;
            }

            return node;
        }

        return _random.Next(2) == 0 ? replacement : new JsonArray(node);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(pair => pair.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private JsonObject NextOperation()
    {
        var operation = new JsonObject();
        if (_random.Next(20) != 0)
        {
            operation[_random.Next(10) == 0 ? "OP" : "op"] = _random.Next(40) switch
            {
                0 => JsonValue.Create(3),
                1 => Pick(InvalidOps),
                _ => Pick(Ops),
            };
        }

        if (_random.Next(4) != 0)
        {
            operation["path"] = _random.Next(30) == 0 ? NextValue(1) : MaybeMangle(Pick(Paths));
        }

        if (_random.Next(5) != 0)
        {
            operation["value"] = NextValue(3);
        }

        return operation;
    }

    private string MaybeMangle(string path)
    {
        if (path.Length == 0 || _random.Next(6) != 0)
        {
            return path;
        }

        var position = _random.Next(path.Length);
        return _random.Next(3) switch
        {
            0 => path.Remove(position, 1),
            1 => path.Insert(position, Pick(["[", "]", "\"", ".", ":", " ", "(", "eq", "\\"])),
            _ => path[..position],
        };
    }

    private JsonNode? NextValue(int depth)
    {
        var choice = _random.Next(depth <= 0 ? 5 : 8);
        return choice switch
        {
            0 => null,
            1 => JsonValue.Create(_random.Next(2) == 0),
            2 => JsonValue.Create(_random.Next(-5, 1000)),
            3 => JsonValue.Create(_random.NextDouble() * 1e6),
            4 => JsonValue.Create(Pick(Strings)),
            5 => NextArray(depth - 1),
            _ => NextObject(depth - 1),
        };
    }

    private JsonArray NextArray(int depth)
    {
        var array = new JsonArray();
        var count = _random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            array.Add(_random.Next(3) == 0 ? JsonValue.Create(Pick(Strings)) : NextObject(depth));
        }

        return array;
    }

    private JsonObject NextObject(int depth)
    {
        var obj = new JsonObject();
        var count = _random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            obj[Pick(Keys)] = NextValue(depth);
        }

        return obj;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
