# syntax=docker/dockerfile:1
# One Dockerfile, one shared runtime layer, one small target per app:
#   docker build --target controller -t fleet-control/controller .
# Targets: sim, agent, controller, gateway (the gateway serves the built UI). Each target's
# ENTRYPOINT starts its app, so flags can follow: `docker run fleet-control/agent --device-pool ...`.
# deploy/test checks the targets, entry points, ports and health URLs against the apps, and that
# every locked dependency's `engines` accepts this Node major (Node 24 LTS), so `npm ci` here
# prints no EBADENGINE warning.
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc nx.json tsconfig.base.json jest.preset.js ./
COPY libs libs
COPY apps apps
# npm ci needs every workspace named in the lock file, deploy included (its package.json only).
COPY deploy/package.json deploy/package.json
RUN npm ci --no-audit --no-fund \
 && NX_DAEMON=false npx nx run-many -t build -p device-sim device-agent controller gateway ui --output-style=static \
 && npm prune --omit=dev --no-audit --no-fund \
 && mkdir /out \
 && for dir in libs/* apps/*; do \
      mkdir -p "/out/$dir" && cp "$dir/package.json" "/out/$dir/" \
      && if [ -d "$dir/dist" ]; then cp -r "$dir/dist" "/out/$dir/"; fi; \
    done \
 && find /out -name '*.map' -delete -o -name '*.d.ts' -delete -o -name '.tsbuildinfo' -delete \
 && cp -r node_modules package.json /out/ \
 && rm -rf /out/node_modules/@fleet/deploy

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /out /app
COPY --chown=node:node deploy/docker/healthcheck.js /app/healthcheck.js
# The node image's unprivileged user (uid 1000); Kubernetes runAsNonRoot checks the numeric id.
USER 1000:1000
STOPSIGNAL SIGTERM

FROM runtime AS sim
# The simulator's /metrics and /healthz are off unless a port is given; the image turns them on.
ENV FLEET_SIM_HTTP_PORT=9465
# Device TCP ports start at FLEET_SIM_BASE_PORT (7000); bind every interface in a container.
ENV FLEET_SIM_HOST=0.0.0.0
EXPOSE 9465 7000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s CMD ["node", "healthcheck.js", "http://127.0.0.1:9465/healthz"]
ENTRYPOINT ["node", "apps/device-sim/dist/main.js"]

FROM runtime AS agent
# The agent serves no HTTP (memory budget): it exits on a fatal error or a lost lease (code 3)
# and the orchestrator restarts it; fleet-level per-device figures come from the controller.
HEALTHCHECK NONE
ENTRYPOINT ["node", "--max-semi-space-size=1", "apps/device-agent/dist/main.js"]

FROM runtime AS controller
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["node", "healthcheck.js", "http://127.0.0.1:9464/healthz"]
ENTRYPOINT ["node", "apps/controller/dist/main.js"]

# Last, so that a plain `docker build .` gives the gateway, as the first draft did.
FROM runtime AS gateway
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["node", "healthcheck.js", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["node", "apps/gateway/dist/main.js"]
