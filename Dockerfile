# syntax=docker/dockerfile:1
# Disclosure Desk: `docker build -t disclosure-desk .`, or `docker compose up` (compose.yaml).
# Tested without Docker by test/deploy/production-tree.test.ts, which reads this file: it
# assembles what the runtime stage copies, starts the CMD with the ENV and runs the HEALTHCHECK.

# --- build: compile src/ to dist/, then drop the devDependencies -------------------------
FROM node:20-bookworm-slim AS build
# better-sqlite3 is native: node-gyp builds it when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
# `prepare` runs `npm run build` (tsc -p tsconfig.build.json: src/ to dist/).
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund
# Read at run time relative to the package root (src/repo-root.ts users: assets/ only).
COPY assets ./assets

# --- runtime: production dependencies, compiled code and its files; nothing else ---------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Owned by root and read-only to the app's user; only /data is writable.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/assets ./assets
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Liveness: GET /healthz on the app's own port (no curl in slim images: node's fetch).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# What `npm start` runs; node itself receives SIGTERM and stops cleanly.
CMD ["node", "dist/main.js"]
