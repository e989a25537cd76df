# The demo exporter (demo/exporter): its TypeScript bundled by esbuild with prom-client inside,
# run by plain Node (no promtool here: the demo-backfill service imports with the Prometheus
# image's own promtool). The same image re-dates the FOCUS sample (billing/redateCli.js, which
# writes Parquet with hyparquet-writer, bundled here like prom-client) for the demo-focus-recent
# service.
FROM node:20-bookworm-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY demo/exporter ./demo/exporter
# What each exporter prints is described once, for the demo and the test fixtures, next to the
# backend's exporter modules (self-contained: nothing there imports outside this folder).
COPY src/backend/sources/prometheus/exporters ./src/backend/sources/prometheus/exporters
RUN npx esbuild demo/exporter/src/main.ts demo/exporter/src/backfill.ts demo/exporter/src/billing/redateCli.ts --bundle --platform=node --target=node20 \
      --outdir=/out --log-level=warning

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /out/ ./
# Mount points of the named volumes: a fresh volume takes the owner of its mount point, so the
# node user can write there.
RUN mkdir -p /backfill /focus-recent /focus-parquet && chown node:node /backfill /focus-recent /focus-parquet
USER node
EXPOSE 9105
HEALTHCHECK --interval=5s --timeout=3s --retries=12 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9105/-/healthy').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "/app/main.js"]
