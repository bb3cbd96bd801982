using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scim.Api.Application.Audit;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Patch;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Core.Validation;
using Scim.Api.Core.Versioning;

namespace Scim.Api.Application;

/// <summary>
/// The one pipeline every resource type goes through: normalize and validate the body, keep memberships
/// apart from the document, write with the version as a compare-and-swap (a member-only PATCH without If-Match
/// needs none), and compose and project the result.
/// Every write hands the store its audit entry, which the store records with the change. Deletes are soft
/// (the store keeps a tombstone), and a deleted resource comes back through <see cref="RestoreAsync"/>.
/// It knows nothing of HTTP; endpoints translate requests into these calls.
/// </summary>
internal sealed class ResourcePipeline(
    IResourceStore store,
    IOptions<ScimServiceOptions> options,
    TimeProvider time,
    AuditEntries audit,
    IOptions<SoftDeleteOptions> softDelete,
    SchemaRegistry registry,
    PasswordHashing passwords)
{
    private readonly ScimServiceOptions _options = options.Value;
    private readonly SoftDeleteOptions _softDelete = softDelete.Value;

    public async Task<ResourceResult> CreateAsync(
        RequestScope scope, ResourceTypeDefinition type, JsonNode? body, AttributeSelection selection, CancellationToken cancellationToken)
    {
        var document = ResourceNormalizer.Normalize(body, type);
        ResourceValidator.ValidateForWrite(document, type);
        await HashPasswordIfPresentAsync(document, cancellationToken);
        var members = type.HasMembers ? MemberReferences.Extract(document) : [];
        MemberReferences.EnsureWithinLimit(members.Count, _options.MaxMembersPerRequest);

        var key = new ResourceKey(scope.Tenant, type, Guid.CreateVersion7().ToString());
        var now = time.GetUtcNow();
        var entry = audit.ForCreate(scope, type, document, members.Count > 0, now);
        var stored = await store.CreateAsync(new ResourceWrite(key, document, now, members, entry), cancellationToken);

        // A freshly generated id belongs to no group yet, and a group created without members has none to show:
        // only a group created with members needs reading back (for their display names).
        return members.Count > 0
            ? await ReadBackAsync(scope, type, stored, selection, cancellationToken)
            : Present(scope, type, stored, selection);
    }

    public async Task<ResourceResult> GetAsync(
        RequestScope scope, ResourceTypeDefinition type, string id, AttributeSelection selection, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(new ResourceKey(scope.Tenant, type, id), ReadOptionsFor(type, selection), cancellationToken)
            ?? throw NotFound(type, id);
        return Present(scope, type, stored, selection);
    }

    public async Task<ResourceResult> ReplaceAsync(
        RequestScope scope,
        ResourceTypeDefinition type,
        string id,
        JsonNode? body,
        EntityTagCondition? ifMatch,
        AttributeSelection selection,
        CancellationToken cancellationToken)
    {
        var replacement = ResourceNormalizer.Normalize(body, type);
        var hasNewPassword = replacement.ContainsKey(PasswordAttribute);
        await HashPasswordIfPresentAsync(replacement, cancellationToken);
        var members = type.HasMembers ? MemberReferences.Extract(replacement) : null;
        if (members is not null)
        {
            MemberReferences.EnsureWithinLimit(members.Count, _options.MaxMembersPerRequest);
        }

        var key = new ResourceKey(scope.Tenant, type, id);
        // The current members are read only to tell the audit trail whether the replacement changes them.
        var readOptions = members is null ? ReadOptions.DocumentOnly : new ReadOptions(true, false);
        var stored = await WithVersionRetryAsync(key, ifMatch, readOptions, (current, _) =>
        {
            var currentMembers = current.Document[MemberReferences.MembersAttribute] as JsonArray;
            current.Document.Remove(MemberReferences.MembersAttribute);
            var document = replacement.DeepClone().AsObject();
            // A PUT without a password keeps the existing one: writeOnly values cannot be read back by the client.
            if (!hasNewPassword && current.Document[PasswordAttribute] is { } existingPassword)
            {
                document[PasswordAttribute] = existingPassword.DeepClone();
            }

            ResourceValidator.CheckImmutable(current.Document, document, type);
            ResourceValidator.ValidateForWrite(document, type);
            var delta = members is null ? null : new MembershipDelta(true, [], members);
            var membersChanged = members is not null && !SameMemberIds(currentMembers, members);
            var now = time.GetUtcNow();
            var entry = audit.ForChange(AuditOperation.Replace, scope, type, current.Document, document, membersChanged, now);
            return ValueTask.FromResult<ResourceUpdate?>(new ResourceUpdate(key, document, delta, now, entry));
        }, cancellationToken);
        return await ReadBackAsync(scope, type, stored, selection, cancellationToken);
    }

    public async Task<ResourceResult> PatchAsync(
        RequestScope scope,
        ResourceTypeDefinition type,
        string id,
        JsonNode? body,
        EntityTagCondition? ifMatch,
        AttributeSelection selection,
        CancellationToken cancellationToken,
        bool representationWanted = true)
    {
        var request = PatchRequest.Parse(body, _options.MaxPatchOperations);
        var key = new ResourceKey(scope.Tenant, type, id);
        var plan = type.HasMembers ? MembershipPatchPlanner.Plan(request, type) : null;
        var needsMembers = plan?.NeedsCurrentMembers == true;
        var readOptions = needsMembers ? new ReadOptions(true, false) : ReadOptions.DocumentOnly;

        // A lost compare-and-swap decides again, but the new password is hashed once per request.
        var newPassword = new PasswordOnce(passwords);
        var stored = UnconditionalMembershipDelta(plan, ifMatch) is { } membershipDelta
            ? await ChangeMembershipsAsync(scope, key, membershipDelta, cancellationToken)
            : await WithVersionRetryAsync(key, ifMatch, readOptions, Decide, cancellationToken);

        PatchMetrics.Record(scope.Tenant, type.Name, request);

        // A 204 needs only the version and location: re-reading a large group's members for it would make the
        // cost of adding one member grow with the group.
        return representationWanted
            ? await ReadBackAsync(scope, type, stored, selection, cancellationToken)
            : Present(scope, type, stored, selection);

        async ValueTask<ResourceUpdate?> Decide(StoredResource current, CancellationToken cancellationToken)
        {
            var server = ResourceRepresentation.ServerAssignedValues(type, current, ResourceRepresentation.LocationOf(type, scope.BaseUrl, current.Id));
            var before = current.Document;
            JsonObject after;
            MembershipDelta? delta;
            if (plan is null)
            {
                after = PatchEngine.Apply(before, request, type, server);
                delta = null;
            }
            else if (needsMembers)
            {
                after = PatchEngine.Apply(before, request, type, server);
                delta = MembershipDiff.Between(before[MemberReferences.MembersAttribute] as JsonArray, after[MemberReferences.MembersAttribute] as JsonArray);
                before.Remove(MemberReferences.MembersAttribute);
                after.Remove(MemberReferences.MembersAttribute);
            }
            else
            {
                after = PatchEngine.Apply(before, plan.DocumentOperations, type, server);
                delta = plan.Members;
            }

            if (delta is not null)
            {
                MemberReferences.EnsureWithinLimit(delta.Add.Count + delta.Remove.Count, _options.MaxMembersPerRequest);
            }

            if (!JsonNode.DeepEquals(before[PasswordAttribute], after[PasswordAttribute]))
            {
                await newPassword.HashIfPresentAsync(after, cancellationToken);
            }

            var documentChanged = !JsonNode.DeepEquals(before, after);
            var membersChanged = delta is { IsEmpty: false };
            if (!documentChanged && !membersChanged)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var entry = audit.ForChange(AuditOperation.Patch, scope, type, before, after, membersChanged, now);
            return new ResourceUpdate(key, documentChanged ? after : null, membersChanged ? delta : null, now, entry);
        }
    }

    /// <summary>A soft delete: the resource becomes a tombstone, restorable for the configured retention.</summary>
    public async Task DeleteAsync(
        RequestScope scope, ResourceTypeDefinition type, string id, EntityTagCondition? ifMatch, CancellationToken cancellationToken)
    {
        var key = new ResourceKey(scope.Tenant, type, id);
        long? expectedVersion = null;
        if (ifMatch is not null)
        {
            var current = await store.GetAsync(key, ReadOptions.DocumentOnly, cancellationToken) ?? throw NotFound(type, id);
            if (!ifMatch.MatchesAny)
            {
                expectedVersion = ifMatch.Matches(current.Version) ? current.Version : throw VersionMismatch(current.Version);
            }
        }

        var now = time.GetUtcNow();
        await store.DeleteAsync(new ResourceDeletion(key, expectedVersion, now, audit.ForDelete(scope, now)), cancellationToken);
    }

    /// <summary>
    /// Brings a deleted resource back with its id, attributes and memberships, at a new version, provided it was
    /// deleted within the retention and its unique name is still free (else 409 uniqueness).
    /// </summary>
    public async Task<ResourceResult> RestoreAsync(
        RequestScope scope, ResourceTypeDefinition type, string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var restore = new ResourceRestore(
            new ResourceKey(scope.Tenant, type, id), now, RestorableSince(now), audit.ForRestore(scope, now));
        var stored = await store.RestoreAsync(restore, cancellationToken);
        return await ReadBackAsync(scope, type, stored, AttributeSelection.Default, cancellationToken);
    }

    public ResourceResult Present(RequestScope scope, ResourceTypeDefinition type, StoredResource stored, AttributeSelection selection)
    {
        var location = ResourceRepresentation.LocationOf(type, scope.BaseUrl, stored.Id);
        var references = new ReferenceUrls(scope.BaseUrl, registry);

        // A group without members shows "members": [] rather than no members key: authentik (before 2026) adds the
        // members a group lacks only when the group it reads back has the list. RFC 7643 §2.5 makes both mean the
        // same. Whenever a selection includes members they were read, so an absent list means none.
        if (type.HasMembers && selection.Includes(MemberReferences.MembersAttribute) && !stored.HasRelation(MemberReferences.MembersAttribute))
        {
            stored.SetRelation(MemberReferences.MembersAttribute, []);
        }

        if (stored.IsUnparsed && selection.Mode == SelectionMode.Default)
        {
            return new ResourceResult(new StreamedRepresentation(type, stored, location, references), stored.Version, location);
        }

        var full = ResourceRepresentation.Compose(type, stored, location, references);
        return new ResourceResult(ResourceProjector.ProjectOwned(full, type, selection), stored.Version, location);
    }

    /// <summary>What a response with this selection needs read beside the documents, within the members bound.</summary>
    public ReadOptions ReadOptionsFor(ResourceTypeDefinition type, AttributeSelection selection) => new(
        type.HasMembers && selection.Includes(MemberReferences.MembersAttribute),
        type.HasGroups && selection.Includes(MemberReferences.GroupsAttribute))
    {
        MaxMembers = _options.MaxMembersPerResponse,
    };

    private const string PasswordAttribute = "password";

    // The oldest deletion time a restore still accepts.
    private DateTimeOffset RestorableSince(DateTimeOffset now) => now.AddDays(-_softDelete.RetentionDays);


    /// <summary>
    /// A PATCH that only adds or removes members (no document operation, so no password either) and carries no
    /// version of its own (no If-Match, or <c>*</c>) depends neither on the document nor on the version it was read
    /// at. Identity providers send many of these to one group at once: written with the compare-and-swap, all but
    /// one of every batch the store commits would lose and retry.
    /// </summary>
    private static MembershipDelta? UnconditionalMembershipDelta(MembershipPatchPlan? plan, EntityTagCondition? ifMatch) =>
        plan is { NeedsCurrentMembers: false, DocumentOperations.Operations.Count: 0, Members: { IsEmpty: false } delta }
        && (ifMatch is null || ifMatch.MatchesAny)
            ? delta
            : null;

    // One read for the 404 (and the audit's view of the unchanged document), then one write without a version condition.
    private async Task<StoredResource> ChangeMembershipsAsync(
        RequestScope scope, ResourceKey key, MembershipDelta delta, CancellationToken cancellationToken)
    {
        MemberReferences.EnsureWithinLimit(delta.Add.Count + delta.Remove.Count, _options.MaxMembersPerRequest);
        // Nothing is read first: the store answers 404 for a group that does not exist, and the audit entry of a
        // member-only change names "members" alone, which no document is needed for.
        var now = time.GetUtcNow();
        var unchanged = new JsonObject();
        var entry = audit.ForChange(AuditOperation.Patch, scope, key.Type, unchanged, unchanged, membersChanged: true, now);
        return await store.UpdateAsync(new ResourceUpdate(key, null, delta, now, entry), expectedVersion: null, cancellationToken);
    }

    /// <summary>
    /// Read, decide, write with the read version as the compare-and-swap. With If-Match the client's version must
    /// be the current one (else 412, no retry); without it a lost race is retried, so concurrent PATCHes never
    /// lose an update. <paramref name="decide"/> returns null when nothing changes.
    /// </summary>
    private async Task<StoredResource> WithVersionRetryAsync(
        ResourceKey key,
        EntityTagCondition? ifMatch,
        ReadOptions readOptions,
        Func<StoredResource, CancellationToken, ValueTask<ResourceUpdate?>> decide,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.GetAsync(key, readOptions, cancellationToken) ?? throw NotFound(key.Type, key.Id);
            if (ifMatch is not null && !ifMatch.Matches(current.Version))
            {
                throw VersionMismatch(current.Version);
            }

            var update = await decide(current, cancellationToken);
            if (update is null)
            {
                return current;
            }

            try
            {
                return await store.UpdateAsync(update, current.Version, cancellationToken);
            }
            catch (ScimException conflict) when (conflict.Status == 412 && (ifMatch is null || ifMatch.MatchesAny)
                && attempt < _options.MaxVersionConflictRetries)
            {
                // Jittered exponential back-off, capped: contenders spread out instead of colliding again.
                var ceiling = Math.Min(50, 1 << Math.Min(attempt, 6));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, ceiling + 1)), time, cancellationToken);
            }
        }
    }

    private async Task<ResourceResult> ReadBackAsync(
        RequestScope scope, ResourceTypeDefinition type, StoredResource stored, AttributeSelection selection, CancellationToken cancellationToken)
    {
        var readOptions = ReadOptionsFor(type, selection);
        if (readOptions.IncludeMembers || readOptions.IncludeGroups)
        {
            var key = new ResourceKey(scope.Tenant, type, stored.Id);
            try
            {
                stored = await store.GetAsync(key, readOptions, cancellationToken) ?? throw NotFound(type, stored.Id);
            }
            catch (ScimException tooMany) when (tooMany.ScimType == ScimErrorType.TooMany && readOptions.IncludeMembers)
            {
                // The write is done: its response shows the group without its members rather than an error.
                var withoutMembers = AttributeSelection.Parse(null, [MemberReferences.MembersAttribute], type);
                stored = await store.GetAsync(key, readOptions with { IncludeMembers = false }, cancellationToken) ?? throw NotFound(type, stored.Id);
                return Present(scope, type, stored, withoutMembers);
            }
        }

        return Present(scope, type, stored, selection);
    }

    private static bool SameMemberIds(JsonArray? current, List<MemberReference> replacement)
    {
        var currentIds = (current ?? []).Select(member => MemberReferences.From(member).Value).ToHashSet(StringComparer.Ordinal);
        return currentIds.SetEquals(replacement.Select(member => member.Value));
    }

    private ValueTask HashPasswordIfPresentAsync(JsonObject document, CancellationToken cancellationToken) =>
        new PasswordOnce(passwords).HashIfPresentAsync(document, cancellationToken);

    /// <summary>Replaces a document's plaintext password by its hash, hashing a given plaintext only once.</summary>
    private sealed class PasswordOnce(PasswordHashing passwords)
    {
        private string? _plaintext;
        private string? _hash;

        public async ValueTask HashIfPresentAsync(JsonObject document, CancellationToken cancellationToken)
        {
            if (document[PasswordAttribute] is JsonValue value && value.TryGetValue<string>(out var password))
            {
                if (!string.Equals(_plaintext, password, StringComparison.Ordinal))
                {
                    _hash = await passwords.HashAsync(password, cancellationToken);
                    _plaintext = password;
                }

                document[PasswordAttribute] = _hash;
            }
        }
    }

    private static ScimException NotFound(ResourceTypeDefinition type, string id) => ScimErrors.NotFound(type, id);

    private static ScimException VersionMismatch(long current) => ScimErrors.VersionMismatch(current);
}
