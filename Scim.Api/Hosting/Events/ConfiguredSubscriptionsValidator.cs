using Microsoft.Extensions.Options;
using Scim.Api.Application.Events;
using Scim.Api.Core.Events;
using Scim.Api.Core.Schema;

namespace Scim.Api.Hosting.Events;

/// <summary>Refuses to start with a configured subscription the admin API would refuse, naming the key to fix.</summary>
internal sealed class ConfiguredSubscriptionsValidator(IServiceProvider services) : IValidateOptions<ChangeEventOptions>
{
    public ValidateOptionsResult Validate(string? name, ChangeEventOptions options)
    {
        if (options.Subscriptions.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        ConfiguredSubscriptions.Read(options, services.GetRequiredService<SchemaRegistry>(), services.GetRequiredService<UrlPolicy>(), out var errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
