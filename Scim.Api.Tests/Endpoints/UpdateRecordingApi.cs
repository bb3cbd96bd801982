using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>The real service over the real SQLite store, seen by the pipeline through an <see cref="UpdateRecordingStore"/>.</summary>
public sealed class UpdateRecordingApi : IDisposable
{
    private readonly ScimApiFactory _factory = new();
    private readonly WebApplicationFactory<Program> _server;

    public UpdateRecordingApi() =>
        _server = _factory.WithTestServices(services =>
            services.AddSingleton<IResourceStore>(provider => new UpdateRecordingStore(provider.GetRequiredService<SqliteResourceStore>())));

    public UpdateRecordingStore Store => (UpdateRecordingStore)_server.Services.GetRequiredService<IResourceStore>();

    public HttpClient CreateScimClient() => _server.ScimClient(_factory.WriteToken);

    public void Dispose()
    {
        _server.Dispose();
        _factory.Dispose();
    }
}
