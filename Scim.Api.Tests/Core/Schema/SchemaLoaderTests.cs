using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Schema;

public sealed class SchemaLoaderTests : IDisposable
{
    private const string DeviceSchema = "urn:example:params:scim:schemas:core:2.0:Device";
    private const string DeviceExtension = "urn:example:params:scim:schemas:extension:warranty:2.0:Device";
    private const string AcmeUser = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

    private readonly string _folder = Directory.CreateTempSubdirectory("scim-schemas-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string file, string json) => File.WriteAllText(Path.Combine(_folder, file), json);

    private const string DeviceSchemaJson = $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
          "id": "{{DeviceSchema}}",
          "name": "Device",
          "description": "A managed device",
          "attributes": [
            { "name": "serialNumber", "type": "string", "required": true, "caseExact": true, "uniqueness": "server" },
            { "name": "enrolled", "type": "dateTime", "mutability": "immutable" },
            { "name": "slots", "type": "integer" },
            { "name": "tags", "multiValued": true },
            { "name": "owner", "type": "complex", "subAttributes": [
                { "name": "value" }, { "name": "$ref", "type": "reference", "referenceTypes": ["User"] },
                { "name": "display", "mutability": "readOnly" } ] },
            { "name": "secret", "returned": "never", "mutability": "writeOnly" }
          ]
        }
        """;

    private const string WarrantySchemaJson = $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
          "id": "{{DeviceExtension}}",
          "name": "Warranty",
          "attributes": [ { "name": "expires", "type": "dateTime" }, { "name": "provider" } ]
        }
        """;

    private const string DeviceTypeJson = $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
          "id": "Device", "name": "Device", "endpoint": "/Devices", "description": "Devices",
          "schema": "{{DeviceSchema}}",
          "schemaExtensions": [ { "schema": "{{DeviceExtension}}", "required": true } ]
        }
        """;

    private SchemaRegistry LoadExpectingSuccess() => SchemaLoader.LoadWithCustomTypes(_folder);

    private string LoadExpectingFailure()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaLoader.LoadWithCustomTypes(_folder));
        return error.Message;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Load_WithoutAFolder_HasTheBuiltInTypes(string? folder)
    {
        var registry = SchemaLoader.LoadWithCustomTypes(folder);

        Assert.Equal(["User", "Group"], registry.ResourceTypes.Select(t => t.Name));
        Assert.Equal([ScimSchemaIds.User, ScimSchemaIds.EnterpriseUser, ScimSchemaIds.Group], registry.Schemas.Select(s => s.Id));
    }

    [Fact]
    public void Load_EmptyFolder_HasTheBuiltInTypes()
    {
        Assert.Equal(["User", "Group"], LoadExpectingSuccess().ResourceTypes.Select(t => t.Name));
    }

    [Fact]
    public void Load_MissingFolder_NamesTheFolder()
    {
        var missing = Path.Combine(_folder, "nope");

        var error = Assert.Throws<InvalidOperationException>(() => SchemaLoader.LoadWithCustomTypes(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CustomTypeWithItsSchemaAndExtension_IsRegisteredBesideTheBuiltIns()
    {
        Write("device.json", DeviceSchemaJson);
        Write("warranty.json", WarrantySchemaJson);
        Write("device-type.json", DeviceTypeJson);

        var registry = LoadExpectingSuccess();

        var device = registry.FindByEndpoint("devices");
        Assert.NotNull(device);
        Assert.Equal(("Device", "/Devices", "Devices", DeviceSchema), (device.Name, device.Endpoint, device.Description, device.Schema.Id));
        var extension = Assert.Single(device.Extensions);
        Assert.Equal((DeviceExtension, true), (extension.Schema.Id, extension.Required));
        Assert.NotNull(registry.FindByName("User"));
        Assert.NotNull(registry.FindSchema(DeviceExtension));
    }

    [Fact]
    public void Load_CustomSchema_ReadsEveryCharacteristicWithRfcDefaults()
    {
        Write("all.json", $"[{DeviceSchemaJson}, {WarrantySchemaJson}, {DeviceTypeJson}]");

        var schema = LoadExpectingSuccess().FindSchema(DeviceSchema);

        Assert.NotNull(schema);
        var serial = schema.FindAttribute("serialNumber")!;
        Assert.Equal((AttributeType.String, true, true, Uniqueness.Server), (serial.Type, serial.Required, serial.CaseExact, serial.Uniqueness));
        Assert.Equal(Mutability.Immutable, schema.FindAttribute("enrolled")!.Mutability);
        Assert.Equal(AttributeType.DateTime, schema.FindAttribute("enrolled")!.Type);
        Assert.Equal(AttributeType.Integer, schema.FindAttribute("slots")!.Type);
        var tags = schema.FindAttribute("tags")!;
        Assert.Equal((AttributeType.String, true, false, Mutability.ReadWrite, Returned.Default, Uniqueness.None),
            (tags.Type, tags.MultiValued, tags.CaseExact, tags.Mutability, tags.Returned, tags.Uniqueness));
        var owner = schema.FindAttribute("owner")!;
        Assert.Equal(["value", "$ref", "display"], owner.SubAttributes.Select(s => s.Name));
        Assert.Equal(["User"], owner.FindSubAttribute("$ref")!.ReferenceTypes);
        Assert.Equal(Mutability.ReadOnly, owner.FindSubAttribute("display")!.Mutability);
        Assert.Equal((Returned.Never, Mutability.WriteOnly), (schema.FindAttribute("secret")!.Returned, schema.FindAttribute("secret")!.Mutability));
    }

    [Fact]
    public void Load_ListResponseFile_ReadsEveryResource()
    {
        Write("list.json", $$"""
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 3,
              "Resources": [{{DeviceSchemaJson}}, {{WarrantySchemaJson}}, {{DeviceTypeJson}}] }
            """);

        Assert.NotNull(LoadExpectingSuccess().FindByName("Device"));
    }

    [Fact]
    public void Load_UserTypeRedefinedWithACustomExtension_ReplacesTheBuiltInUserType()
    {
        Write("acme.json", $$"""
            { "id": "{{AcmeUser}}", "name": "AcmeUser", "attributes": [ { "name": "badge", "type": "integer" } ] }
            """);
        Write("user.json", $$"""
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], "name": "User", "endpoint": "/Users",
              "schema": "{{ScimSchemaIds.User}}",
              "schemaExtensions": [ { "schema": "{{ScimSchemaIds.EnterpriseUser}}" }, { "schema": "{{AcmeUser}}" } ] }
            """);

        var registry = LoadExpectingSuccess();

        Assert.Equal(["User", "Group"], registry.ResourceTypes.Select(t => t.Name));
        Assert.Equal(
            [ScimSchemaIds.EnterpriseUser, AcmeUser],
            registry.FindByName("User")!.Extensions.Select(e => e.Schema.Id));
        Assert.Same(BuiltInSchemas.User, registry.FindByName("User")!.Schema);
    }

    [Fact]
    public void Load_FileWithCommentsAndTrailingCommas_IsAccepted()
    {
        Write("device.json", DeviceSchemaJson.Replace("\"name\": \"Device\",", "// the device schema\n\"name\": \"Device\",", StringComparison.Ordinal));
        Write("warranty.json", WarrantySchemaJson);
        Write("type.json", DeviceTypeJson.Replace("\"required\": true }", "\"required\": true, }", StringComparison.Ordinal));

        Assert.NotNull(LoadExpectingSuccess().FindByName("Device"));
    }

    [Theory]
    [InlineData("{ not json", "'bad.json' is not valid JSON")]
    [InlineData("42", "'bad.json' must hold a JSON object, an array of objects or a ListResponse; got 42")]
    [InlineData("[1]", "'bad.json': every representation must be a JSON object; got 1")]
    [InlineData("{ \"hello\": 1 }", "'bad.json': a representation is neither a schema nor a resource type")]
    [InlineData("{ \"id\": \"Device\", \"attributes\": [] }", "'bad.json': A schema needs an 'id' that is a URN")]
    [InlineData("{ \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:Schema\"], \"id\": \"urn:x:Y\" }", "'bad.json': schema 'urn:x:Y': 'attributes' must be an array")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ 3 ] }", "every entry of 'attributes' must be an object; got 3")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"type\": \"string\" } ] }", "an attribute has the name nothing")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"1st\" } ] }", "an attribute has the name \"1st\"")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"$ref\" } ] }", "an attribute has the name \"$ref\"")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\", \"type\": \"text\" } ] }", "attribute 'a': 'type' must be one of string, boolean, decimal, integer, dateTime, binary, reference, complex; got 'text'")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\", \"mutability\": \"sometimes\" } ] }", "attribute 'a': 'mutability' must be one of readWrite, readOnly, immutable, writeOnly; got 'sometimes'")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\", \"returned\": \"maybe\" } ] }", "'returned' must be one of default, always, never, request; got 'maybe'")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\", \"uniqueness\": \"tenant\" } ] }", "'uniqueness' must be one of none, server, global; got 'tenant'")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\", \"required\": \"yes\" } ] }", "attribute 'a': 'required' must be true or false; got \"yes\"")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\", \"canonicalValues\": [1] } ] }", "attribute 'a': 'canonicalValues' must be an array of strings")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\" }, { \"name\": \"A\" } ] }", "attribute 'A' is defined twice")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\", \"type\": \"complex\" } ] }", "attribute 'a': a complex attribute needs a non-empty 'subAttributes' array")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\", \"subAttributes\": [ { \"name\": \"b\" } ] } ] }", "attribute 'a': only complex attributes have 'subAttributes'")]
    [InlineData("{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\", \"type\": \"complex\", \"subAttributes\": [ { \"name\": \"b\", \"type\": \"complex\", \"subAttributes\": [ { \"name\": \"c\" } ] } ] } ] }", "attribute 'a.b': a sub-attribute cannot be complex")]
    public void Load_BadFile_NamesTheFileAndTheProblem(string content, string expected)
    {
        Write("bad.json", content);

        var message = LoadExpectingFailure();

        Assert.StartsWith("Custom schema file 'bad.json'", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:ResourceType\"], \"endpoint\": \"/X\", \"schema\": \"urn:x:Y\" }", "a resource type needs a 'name'")]
    [InlineData("{ \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:ResourceType\"], \"name\": \"X\", \"schema\": \"urn:x:Y\" }", "resource type 'X': 'endpoint' must be a path such as '/Devices'")]
    [InlineData("{ \"name\": \"X\", \"endpoint\": \"/\", \"schema\": \"urn:x:Y\" }", "resource type 'X': 'endpoint' must be a path")]
    [InlineData("{ \"name\": \"X\", \"endpoint\": \"/X\" }", "resource type 'X': 'schema' must name the URN of its core schema")]
    [InlineData("{ \"name\": \"X\", \"endpoint\": \"/X\", \"schema\": \"urn:x:Unknown\" }", "resource type 'X': 'schema' names 'urn:x:Unknown', which is neither a built-in schema nor defined")]
    [InlineData("{ \"name\": \"X\", \"endpoint\": \"/X\", \"schema\": \"urn:x:Y\", \"schemaExtensions\": [ { \"schema\": \"urn:x:Z\" } ] }", "'schemaExtensions' names 'urn:x:Z'")]
    [InlineData("{ \"name\": \"X\", \"endpoint\": \"/X\", \"schema\": \"urn:x:Y\", \"schemaExtensions\": { } }", "'schemaExtensions' must be an array")]
    [InlineData("{ \"name\": \"X\", \"endpoint\": \"/X\", \"schema\": \"urn:x:Y\", \"schemaExtensions\": [ \"urn:x:Y\" ] }", "every 'schemaExtensions' entry must be an object")]
    [InlineData("{ \"name\": \"X\", \"endpoint\": \"/X\", \"schema\": \"urn:x:Y\", \"schemaExtensions\": [ { \"required\": true } ] }", "a 'schemaExtensions' entry has no 'schema'")]
    [InlineData("{ \"name\": \"X\", \"endpoint\": \"/X\", \"schema\": \"urn:x:Y\", \"schemaExtensions\": [ { \"schema\": \"urn:x:Y\" } ] }", "schema 'urn:x:Y' is used twice")]
    [InlineData("{ \"name\": \"X\", \"endpoint\": \"/X\", \"schema\": \"urn:x:Y\", \"schemaExtensions\": [ { \"schema\": \"" + ScimSchemaIds.EnterpriseUser + "\", \"required\": 1 } ] }", "'required' of extension '" + ScimSchemaIds.EnterpriseUser + "' must be true or false")]
    public void Load_BadResourceType_NamesTheFileAndTheProblem(string content, string expected)
    {
        Write("a-schema.json", "{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"a\" } ] }");
        Write("bad.json", content);

        var message = LoadExpectingFailure();

        Assert.StartsWith("Custom schema file 'bad.json'", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CoreSchemaDeclaringId_IsRejected()
    {
        Write("a.json", "{ \"id\": \"urn:x:Y\", \"attributes\": [ { \"name\": \"ID\" } ] }");
        Write("b.json", "{ \"name\": \"X\", \"endpoint\": \"/X\", \"schema\": \"urn:x:Y\" }");

        Assert.Contains("declares 'ID', which every resource already has", LoadExpectingFailure(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SchemaDefinedTwice_NamesBothFiles()
    {
        Write("a.json", "{ \"id\": \"urn:x:Y\", \"attributes\": [] }");
        Write("b.json", "{ \"id\": \"URN:X:Y\", \"attributes\": [] }");

        Assert.Equal(
            "Custom schema file 'b.json': schema 'URN:X:Y' is already defined (in 'a.json').",
            LoadExpectingFailure());
    }

    [Fact]
    public void Load_BuiltInSchemaRedefined_IsRejected()
    {
        Write("a.json", $"{{ \"id\": \"{ScimSchemaIds.User}\", \"attributes\": [] }}");

        Assert.Contains($"schema '{ScimSchemaIds.User}' is already defined (it is built in)", LoadExpectingFailure(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ResourceTypeDefinedTwice_NamesBothFiles()
    {
        Write("a.json", "{ \"id\": \"urn:x:Y\", \"attributes\": [] }");
        Write("b.json", "{ \"name\": \"X\", \"endpoint\": \"/X\", \"schema\": \"urn:x:Y\" }");
        Write("c.json", "{ \"name\": \"x\", \"endpoint\": \"/Other\", \"schema\": \"urn:x:Y\" }");

        Assert.Equal(
            "Custom schema file 'c.json': resource type 'x' is already defined (in 'b.json').",
            LoadExpectingFailure());
    }

    [Fact]
    public void Load_EndpointUsedTwice_IsRejected()
    {
        Write("a.json", "{ \"id\": \"urn:x:Y\", \"attributes\": [] }");
        Write("b.json", "{ \"name\": \"X\", \"endpoint\": \"/users\", \"schema\": \"urn:x:Y\" }");

        Assert.Contains("Endpoint '/users' is used by two resource types", LoadExpectingFailure(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnusedSchema_IsRejected()
    {
        Write("lonely.json", "{ \"id\": \"urn:x:Lonely\", \"attributes\": [] }");

        Assert.Contains(
            "Custom schema file 'lonely.json': schema 'urn:x:Lonely' is not used by any resource type",
            LoadExpectingFailure(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EndpointWithoutSlash_IsNormalized()
    {
        Write("a.json", "{ \"id\": \"urn:x:Y\", \"attributes\": [] }");
        Write("b.json", "{ \"name\": \"X\", \"endpoint\": \"Things/\", \"schema\": \"urn:x:Y\" }");

        Assert.Equal("/Things", LoadExpectingSuccess().FindByName("X")!.Endpoint);
    }

    [Fact]
    public void ParseSchema_SchemaJsonOfEveryBuiltIn_RoundTrips()
    {
        foreach (var schema in new[] { BuiltInSchemas.User, BuiltInSchemas.Group, BuiltInSchemas.EnterpriseUser, CommonAttributes.Schema })
        {
            var parsed = SchemaLoader.ParseSchema(SchemaJson.ToJson(schema, null));

            Assert.Equal(SchemaJson.ToJson(schema, null).ToJsonString(), SchemaJson.ToJson(parsed, null).ToJsonString());
        }
    }

    [Fact]
    public void ParseSchema_KeysInAnyCase_AreRead()
    {
        var json = JsonNode.Parse("""{ "ID": "urn:x:Y", "Attributes": [ { "NAME": "a", "Type": "Boolean", "MultiValued": true } ] }""")!.AsObject();

        var schema = SchemaLoader.ParseSchema(json);

        Assert.Equal(("urn:x:Y", "Y"), (schema.Id, schema.Name));
        Assert.Equal((AttributeType.Boolean, true), (schema.Attributes[0].Type, schema.Attributes[0].MultiValued));
    }
}
