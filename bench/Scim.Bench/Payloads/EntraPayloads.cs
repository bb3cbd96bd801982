using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Scim.Bench.Payloads;

/// <summary>
/// Request bodies shaped like the ones Microsoft Entra ID provisioning sends: a full User on create (core
/// attributes, work email and phone, address, enterprise extension with employeeNumber, department and manager),
/// groups created empty, members added by PATCH with capitalized <c>"Add"</c>, attribute changes as <c>"Replace"</c>.
/// </summary>
internal static class EntraPayloads
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string PatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static readonly string[] GivenNames =
        ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Niklaus", "Radia", "Tim"];

    private static readonly string[] FamilyNames =
        ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Wirth", "Perlman", "Lee"];

    private static readonly string[] Departments = ["Engineering", "Sales", "Finance", "Legal", "Support", "Research", "Operations"];

    private static readonly string[] Titles = ["Engineer", "Senior Engineer", "Analyst", "Manager", "Director", "Consultant"];

    private static readonly string[] Cities = ["Redmond", "Dublin", "Paris", "Singapore", "Toronto", "Sydney"];

    public static string UserName(string run, long index)
    {
        var given = GivenNames[index % GivenNames.Length];
        var family = FamilyNames[index / GivenNames.Length % FamilyNames.Length];
        return $"{given}.{family}.{run}{index.ToString("D7", CultureInfo.InvariantCulture)}@contoso.example".ToLowerInvariant();
    }

    public static string ExternalId(string run, long index) =>
        $"{run}-{index.ToString("D9", CultureInfo.InvariantCulture)}-ad8e-4b5c-9f3e";

    /// <summary>A user as <see cref="User"/>, with a password, as Entra sends one when password provisioning is on.</summary>
    public static string UserWithPassword(string run, long index)
    {
        var user = System.Text.Json.Nodes.JsonNode.Parse(User(run, index, null))!.AsObject();
        user["password"] = $"Pw-{run}-{index.ToString(CultureInfo.InvariantCulture)}-x9!";
        return user.ToJsonString();
    }

    public static string User(string run, long index, string? managerId)
    {
        var given = GivenNames[index % GivenNames.Length];
        var family = FamilyNames[index / GivenNames.Length % FamilyNames.Length];
        var userName = UserName(run, index);
        return Write(json =>
        {
            json.WriteStartArray("schemas");
            json.WriteStringValue(UserSchema);
            json.WriteStringValue(EnterpriseSchema);
            json.WriteEndArray();
            json.WriteString("externalId", ExternalId(run, index));
            json.WriteString("userName", userName);
            json.WriteBoolean("active", true);
            json.WriteString("displayName", $"{given} {family}");
            json.WriteString("title", Titles[index % Titles.Length]);
            json.WriteString("preferredLanguage", "en-US");
            json.WriteStartObject("name");
            json.WriteString("formatted", $"{given} {family}");
            json.WriteString("familyName", family);
            json.WriteString("givenName", given);
            json.WriteEndObject();
            json.WriteStartArray("emails");
            json.WriteStartObject();
            json.WriteBoolean("primary", true);
            json.WriteString("type", "work");
            json.WriteString("value", userName);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("phoneNumbers");
            json.WriteStartObject();
            json.WriteString("type", "work");
            json.WriteString("value", $"+1 425 555 {(index % 10_000).ToString("D4", CultureInfo.InvariantCulture)}");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("addresses");
            json.WriteStartObject();
            json.WriteString("type", "work");
            json.WriteString("streetAddress", $"{index % 999 + 1} Main Street");
            json.WriteString("locality", Cities[index % Cities.Length]);
            json.WriteString("postalCode", (98000 + index % 1000).ToString(CultureInfo.InvariantCulture));
            json.WriteString("country", "US");
            json.WriteBoolean("primary", true);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject(EnterpriseSchema);
            json.WriteString("employeeNumber", index.ToString(CultureInfo.InvariantCulture));
            json.WriteString("department", Departments[index % Departments.Length]);
            if (managerId is not null)
            {
                json.WriteStartObject("manager");
                json.WriteString("value", managerId);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        });
    }

    public static string GroupDisplayName(string run, string purpose, long index) =>
        $"{run} {purpose} {index.ToString("D6", CultureInfo.InvariantCulture)}";

    public static string Group(string run, string purpose, long index) => Write(json =>
    {
        json.WriteStartArray("schemas");
        json.WriteStringValue(GroupSchema);
        json.WriteEndArray();
        json.WriteString("externalId", $"{run}-group-{purpose}-{index.ToString(CultureInfo.InvariantCulture)}");
        json.WriteString("displayName", GroupDisplayName(run, purpose, index));
        json.WriteStartArray("members");
        json.WriteEndArray();
    });

    public static string AddMembers(IEnumerable<string> memberIds) => Write(json =>
    {
        WritePatchStart(json);
        json.WriteStartObject();
        json.WriteString("op", "Add");
        json.WriteString("path", "members");
        json.WriteStartArray("value");
        foreach (var id in memberIds)
        {
            json.WriteStartObject();
            json.WriteString("value", id);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    });

    /// <summary>The attribute change Entra sends most: a title and a department moved together.</summary>
    public static string ReplaceTitleAndDepartment(long index) => Write(json =>
    {
        WritePatchStart(json);
        json.WriteStartObject();
        json.WriteString("op", "Replace");
        json.WriteString("path", "title");
        json.WriteString("value", Titles[(index + 1) % Titles.Length]);
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("op", "Replace");
        json.WriteString("path", $"{EnterpriseSchema}:department");
        json.WriteString("value", Departments[(index + 3) % Departments.Length]);
        json.WriteEndObject();
        json.WriteEndArray();
    });

    /// <summary>The query of a filter on one attribute, as Entra sends it before creating a user.</summary>
    public static string EqualsFilterQuery(string resource, string attribute, string value) =>
        $"/{resource}?filter={Uri.EscapeDataString($"{attribute} eq \"{value}\"")}";

    private static void WritePatchStart(Utf8JsonWriter json)
    {
        json.WriteStartArray("schemas");
        json.WriteStringValue(PatchSchema);
        json.WriteEndArray();
        json.WriteStartArray("Operations");
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
