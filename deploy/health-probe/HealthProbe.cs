#:property PublishAot=false
#:property UseAppHost=false
#:property InvariantGlobalization=true

// The container's health check. The runtime image is chiseled (no shell, no curl), so the check is this small .NET
// program run by the runtime the image already has: `dotnet /probe/HealthProbe.dll http://127.0.0.1:8080/health/ready`
// exits 0 on a 2xx answer and 1 otherwise (error status, refused connection, or no answer within 3 seconds).
if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var url))
{
    await Console.Error.WriteLineAsync("usage: HealthProbe <absolute health URL>");
    return 2;
}

using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
try
{
    using var response = await client.GetAsync(url);
    return response.IsSuccessStatusCode ? 0 : 1;
}
catch (HttpRequestException error)
{
    await Console.Error.WriteLineAsync($"{url}: {error.Message}");
    return 1;
}
catch (TaskCanceledException)
{
    await Console.Error.WriteLineAsync($"{url}: no answer within {client.Timeout.TotalSeconds} seconds");
    return 1;
}
