# Builds GreenOps Carbon exactly as `npm run build` does on a developer machine: the frontend
# bundle, and the backend as Node single executables for linux/amd64 and linux/arm64, each with
# the glibc pieces it needs taken from Debian packages of its architecture.
FROM node:20-bookworm
RUN dpkg --add-architecture arm64 && dpkg --add-architecture amd64 && apt-get update
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
