# syntax=docker/dockerfile:1
# The Scim service image: `docker build -t scim .` at the repository root.
# Build stages use the .NET SDK; the runtime stage is the chiseled ASP.NET image (no shell, no package manager,
# non-root user `app` with uid $APP_UID), so the final image holds the published service and nothing else.

ARG DOTNET_VERSION=10.0

# The SDK runs on the builder's own platform and publishes for the target's (-a), so multi-platform builds
# (docker buildx --platform linux/amd64,linux/arm64) need no emulation; only the target's native SQLite library ships.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
WORKDIR /src
# Restore first, from the project files only, so the package layer is cached across source changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Scim.Api/Scim.Api.csproj Scim.Api/
RUN dotnet restore -a $TARGETARCH Scim.Api/Scim.Api.csproj
COPY Scim.Api/ Scim.Api/
RUN dotnet publish Scim.Api/Scim.Api.csproj -a $TARGETARCH --no-restore -c Release -o /out/service -p:UseAppHost=false \
    && mkdir -p /out/data

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS probe
WORKDIR /src
COPY deploy/health-probe/HealthProbe.cs ./
RUN dotnet publish HealthProbe.cs -c Release -o /out/probe

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /out/service ./
COPY --from=probe /out/probe /probe/
# The only path the service writes to when it runs on the embedded SQLite store (no ConnectionStrings__Mongo);
# the root filesystem can stay read-only. Mount a volume here (docker) or a PersistentVolume (Kubernetes).
COPY --from=build --chown=$APP_UID:$APP_UID /out/data /data
VOLUME /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__Sqlite__Path=/data/scim.db
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "/probe/HealthProbe.dll", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["dotnet", "Scim.Api.dll"]
