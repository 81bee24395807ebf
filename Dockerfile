# Kenshu: one image with the kenshu binary and the built SPA beside it (/opt/kenshu/spa),
# where `kenshu serve` finds it from any working directory.
FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY openapi.yaml /src/openapi.yaml
COPY frontend/ ./
RUN npm run build

FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p kenshu-http

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates fonts-vlgothic curl \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /var/lib/kenshu kenshu \
    && mkdir -p /var/lib/kenshu && chown kenshu /var/lib/kenshu
COPY --from=build /src/target/release/kenshu /opt/kenshu/kenshu
COPY --from=spa /src/frontend/dist /opt/kenshu/spa
USER kenshu
WORKDIR /var/lib/kenshu
ENV PATH=/opt/kenshu:$PATH \
    KENSHU_BIND=0.0.0.0:8080 \
    KENSHU_FONT_PATH=/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf
EXPOSE 8080
HEALTHCHECK CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
CMD ["kenshu", "serve"]
