namespace Scim.Api.Core.Events;

/// <summary>Reads the change events every store writes with its writes (<see cref="ChangeEvent"/>).</summary>
public interface IChangeEventLog
{
    Task<ChangeEventPage> ReadEventsAsync(ChangeEventQuery query, CancellationToken cancellationToken);
}
