namespace Scim.Api.Tests.Deployment.Manifests;

/// <summary>The image reference reader behind the "every deployable image names a version" check.</summary>
public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("web", "web", null, null)]
    [InlineData("web:1.0", "web", "1.0", null)]
    [InlineData("registry.local:5000/team/web", "registry.local:5000/team/web", null, null)]
    [InlineData("registry.local:5000/web:2@sha256:abc", "registry.local:5000/web", "2", "sha256:abc")]
    public void Parse_SeparatesRegistryPortFromTag(string image, string name, string? tag, string? digest)
    {
        Assert.Equal(new ImageReference(name, tag, digest), ImageReference.Parse(image));
    }
}
