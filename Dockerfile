# syntax=docker/dockerfile:1
# One image for the operator (`operator`) and the copy Jobs (`copy --task ...`): the shaded product jar
# (module operator/cli: operator, plan, copy). The development tools (operator/devtools: local, demo, bench,
# simulator) are a separate jar that never enters the image; ProductJarTest checks what the product jar holds.
#   docker build -t ghcr.io/datamigration-dev/datamigration:0.1.0 .
# The Helm chart's image.repository and appVersion name this image; operator/deploy's DockerfileTest keeps them in step.

# ---- build: the jar, from the Maven reactor (tests run in CI, not here) ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Poms first so the dependency layer is cached while only sources change.
COPY pom.xml ./
COPY operator ./operator
COPY crds ./crds
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests package -pl operator/cli -am

# ---- runtime: a JRE and the jar, nothing else ----
FROM eclipse-temurin:17-jre
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="datamigration" \
      org.opencontainers.image.description="OutSystems application data migration: Kubernetes operator and copier" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"

# A fixed numeric non-root user: Kubernetes checks runAsNonRoot against the numeric id.
RUN groupadd --system --gid 10001 datamigration \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin datamigration

COPY --from=build --chown=0:0 --chmod=0444 /src/operator/cli/target/datamigration.jar /opt/datamigration/datamigration.jar

# The root filesystem can be read-only: the JVM writes only to /tmp (an emptyDir in the chart and the copy Jobs).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75" \
    TMPDIR=/tmp
USER 10001:10001
WORKDIR /tmp
# 8080: /metrics, /healthz, /readyz of the operator.
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/datamigration/datamigration.jar"]
CMD ["operator"]
