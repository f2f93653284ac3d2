# The Lead Manager as one image: `docker build -t lead-manager .`, then
# `docker run -p 8000:8000 -v lead-manager-data:/data lead-manager`.
# See docs/deploying.md. Nothing secret is read at build time: every setting
# (DATABASE_URL, REDIS_URL, ...) is given to the container when it runs.

# --- build: every dependency, native modules compiled, server and web client built
FROM node:22-bookworm-slim AS build
# bcrypt and better-sqlite3 compile from source here (node-gyp: python3, make,
# g++, and the Node headers the image keeps in /usr/local).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local \
    npm_config_build_from_source=true
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts run only for the two native modules (package.json's
# allowScripts): no other package runs code at install time.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund --ignore-scripts \
 && npm rebuild bcrypt better-sqlite3
COPY tsconfig.json tsconfig.build.json nest-cli.json ormconfig.ts ./
COPY src src
COPY web web
# Then only production dependencies stay. Their optional ones go too:
# TypeScript (an optional peer of @nestjs/swagger, used by its compiler plugin
# only: 24 MB) and pg-cloudflare (Cloudflare Workers only). Of the two native
# modules only the compiled .node files stay.
RUN npm run build \
 && npm prune --omit=dev --omit=optional --no-audit --no-fund \
 && for module in bcrypt better-sqlite3; do \
      dir=node_modules/$module; \
      mkdir -p /tmp/native/$module && mv $dir/build/Release/*.node /tmp/native/$module/ \
      && rm -rf $dir/build $dir/prebuilds $dir/deps $dir/src \
      && mkdir -p $dir/build/Release && mv /tmp/native/$module/*.node $dir/build/Release/; \
    done \
 && rm -f node_modules/better-sqlite3/build/Release/test_extension.node \
 && rm -f dist/.tsbuildinfo dist/.web-build-hash

# --- the image: production dependencies and the built app, run by `node`
FROM node:22-bookworm-slim
# tini is PID 1: it forwards SIGTERM to node and reaps zombies (-s: also
# when an outer init, compose's `init: true`, is PID 1).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tini \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && mkdir /data && chown node:node /data
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATABASE_URL=sqlite:/data/db.sqlite3
WORKDIR /app
# Owned by root, read-only to the app: only /data (and /tmp) are written.
COPY package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY deploy/healthcheck.mjs healthcheck.mjs
VOLUME /data
USER node
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "healthcheck.mjs"]
ENTRYPOINT ["tini", "-s", "--"]
CMD ["node", "dist/src/main.js"]
