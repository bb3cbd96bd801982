using Scim.Api.Endpoints;
using Scim.Api.Hosting;
using Scim.Api.Hosting.Admin;
using Scim.Api.Hosting.CommandLine;
using Scim.Api.Hosting.Events;
using Scim.Api.Hosting.Lifecycle;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.OperatorConsole;
using Scim.Api.Storage;

if (ScimCommandLine.Run(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddScim();
builder.AddScimStorage();
builder.AddScimHealth();
builder.AddScimAdministration();
builder.AddScimEvents();
builder.AddScimLifecycle();
builder.AddScimTelemetry();
builder.AddScimProvisioningLog();
builder.AddScimConsole();

var app = builder.Build();
app.UseScimTelemetry();
app.UseScim();
app.UseScimConsole();
app.MapScimHealth();
app.MapScim();
app.MapScimAdmin();
app.MapScimConsole();
app.Run();
return ScimCommandLine.Succeeded;

public partial class Program;
