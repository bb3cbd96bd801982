using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Scim.Api.Application;
using Scim.Api.Hosting;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Storage;
using Scim.Api.Storage.Mongo;
using Scim.Api.Storage.Sqlite;

namespace Scim.Api.Tests.Deployment;

/// <summary>
/// The configuration keys the service reads, built from the options classes themselves (every public settable
/// property under its section, list items by index, dictionary entries by name), the keys read directly, and the
/// framework's own documented keys. A deployment file that sets anything else sets a key nobody reads.
/// </summary>
internal static class ServiceConfigurationKeys
{
    private static readonly string[] EnvironmentPrefixes = ["ASPNETCORE_", "DOTNET_"];

    // Bound by BindConfiguration, then overwritten by a PostConfigure (StorageServiceCollectionExtensions): setting
    // them has no effect, so a deployment that sets them is wrong. The keys that do take effect are named.
    private static readonly Dictionary<string, string> Overwritten = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Storage:Mongo:ConnectionString"] = StorageServiceCollectionExtensions.MongoConnectionStringKey,
        ["Storage:Mongo:RejectUnknownMembers"] = "Scim:RejectUnknownMembers",
        ["Storage:Sqlite:RejectUnknownMembers"] = "Scim:RejectUnknownMembers",
    };

    // OpenTelemetry SDK settings read from configuration/environment by the OTLP exporter and the SDK.
    private static readonly HashSet<string> OpenTelemetryVariables = new(StringComparer.Ordinal)
    {
        "OTEL_SDK_DISABLED", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TIMEOUT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT",
        "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE",
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "OTEL_EXPORTER_OTLP_LOGS_HEADERS", "OTEL_EXPORTER_OTLP_LOGS_TIMEOUT",
        "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_METRIC_EXPORT_INTERVAL", "OTEL_METRIC_EXPORT_TIMEOUT",
        "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_EXPORT_TIMEOUT", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
        "OTEL_BLRP_SCHEDULE_DELAY", "OTEL_BLRP_EXPORT_TIMEOUT", "OTEL_BLRP_MAX_QUEUE_SIZE", "OTEL_BLRP_MAX_EXPORT_BATCH_SIZE",
        "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_ATTRIBUTE_COUNT_LIMIT",
    };

    private static readonly IReadOnlyList<string[]> Patterns = BuildPatterns();

    /// <summary>The key an environment variable becomes: the host's prefixes dropped, <c>__</c> read as <c>:</c>.</summary>
    public static string FromEnvironmentVariable(string name)
    {
        foreach (var prefix in EnvironmentPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[prefix.Length..];
                break;
            }
        }

        return name.Replace("__", ":", StringComparison.Ordinal);
    }

    /// <summary>Null when the environment variable reaches a setting the service reads; otherwise why not.</summary>
    public static string? ProblemWithEnvironmentVariable(string name) =>
        name.StartsWith("OTEL_", StringComparison.Ordinal)
            ? OpenTelemetryVariables.Contains(name) ? null : $"{name} is not an OpenTelemetry SDK setting"
            : ProblemWithKey(FromEnvironmentVariable(name), name);

    public static string? ProblemWithKey(string key, string? setAs = null)
    {
        var shown = setAs is null ? key : $"{setAs} (key {key})";
        if (Overwritten.TryGetValue(key, out var effective))
        {
            return $"{shown} is overwritten by the service; set {effective} instead";
        }

        var segments = key.Split(':');
        return Patterns.Any(pattern => Matches(pattern, segments)) ? null : $"{shown} is not a key the service binds";
    }

    private static bool Matches(string[] pattern, string[] key)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == "**")
            {
                return key.Length > i;
            }

            if (i >= key.Length)
            {
                return false;
            }

            var matches = pattern[i] switch
            {
                "*" => key[i].Length > 0,
                "#" => int.TryParse(key[i], out var index) && index >= 0,
                var literal => string.Equals(literal, key[i], StringComparison.OrdinalIgnoreCase),
            };
            if (!matches)
            {
                return false;
            }
        }

        return pattern.Length == key.Length;
    }

    private static List<string[]> BuildPatterns()
    {
        var patterns = new List<string>();
        foreach (var type in typeof(ScimServiceOptions).Assembly.GetTypes())
        {
            var section = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static);
            if (section is { IsLiteral: true } && section.GetRawConstantValue() is string name)
            {
                AddProperties(type, name, patterns);
            }
        }

        AddProperties(typeof(SqliteStoreOptions), StorageServiceCollectionExtensions.SqliteSection, patterns);
        AddProperties(typeof(MongoStoreOptions), StorageServiceCollectionExtensions.MongoSection, patterns);
        patterns.Add(StorageServiceCollectionExtensions.MongoConnectionStringKey);

        // The host and ASP.NET Core (documented keys; environment variables carry them with ASPNETCORE_ or DOTNET_).
        patterns.AddRange(["environment", "urls", "http_ports", "https_ports", "shutdownTimeoutSeconds", "AllowedHosts"]);
        patterns.AddRange(["Logging:LogLevel:*", "Logging:Console:**"]);

        // Kestrel: its options section and the endpoint/certificate configuration its loader reads.
        AddProperties(typeof(KestrelServerOptions), "Kestrel", patterns);
        string[] certificate = ["Path", "KeyPath", "Password", "Subject", "Store", "Location", "AllowInvalid"];
        patterns.AddRange(certificate.Select(c => $"Kestrel:Certificates:*:{c}"));
        patterns.AddRange(certificate.Select(c => $"Kestrel:Endpoints:*:Certificate:{c}"));
        patterns.AddRange(["Kestrel:Endpoints:*:Url", "Kestrel:Endpoints:*:Protocols", "Kestrel:Endpoints:*:ClientCertificateMode",
            "Kestrel:Endpoints:*:SslProtocols:#", "Kestrel:Endpoints:*:Sni:**",
            "Kestrel:EndpointDefaults:Protocols", "Kestrel:EndpointDefaults:ClientCertificateMode", "Kestrel:EndpointDefaults:SslProtocols:#"]);
        return patterns.Select(p => p.Split(':')).ToList();
    }

    private static void AddProperties(Type type, string prefix, List<string> patterns, int depth = 0)
    {
        if (depth > 6)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<ObsoleteAttribute>() is not null)
            {
                continue;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var key = $"{prefix}:{property.Name}";
            if (IsScalar(propertyType))
            {
                if (property.SetMethod?.IsPublic == true)
                {
                    patterns.Add(key);
                }
            }
            else if (DictionaryValueType(propertyType) is { } valueType)
            {
                AddValue(valueType, $"{key}:*", patterns, depth);
            }
            else if (ElementType(propertyType) is { } elementType)
            {
                AddValue(elementType, $"{key}:#", patterns, depth);
            }
            else if (propertyType.IsClass && !propertyType.IsAbstract && propertyType.GetConstructor(Type.EmptyTypes) is not null)
            {
                AddProperties(propertyType, key, patterns, depth + 1);
            }
        }
    }

    private static void AddValue(Type type, string key, List<string> patterns, int depth)
    {
        if (IsScalar(type))
        {
            patterns.Add(key);
        }
        else
        {
            AddProperties(type, key, patterns, depth + 1);
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);

    private static Type? DictionaryValueType(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } dictionary && dictionary.GetGenericArguments()[0] == typeof(string)
            ? dictionary.GetGenericArguments()[1]
            : null;

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && GenericInterface(type, typeof(IEnumerable<>)) is { } enumerable
            ? enumerable.GetGenericArguments()[0]
            : null;

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
