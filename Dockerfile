# scimd's image (docs/operations.md "Containers"): built on Debian bookworm from the Debian packages
# scripts/install-deps.sh names, and run from a bookworm image that holds only the binary and the
# shared libraries it links. Migrations and schemas are compiled into the binary; scimd keeps no
# files of its own (its state is in PostgreSQL), so the image needs no volume.
#
#   docker build -t scimd .
#   docker run --rm scimd serve --help

FROM debian:bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        build-essential cmake ninja-build pkg-config \
        libboost1.81-dev libboost-json1.81-dev libsoci-dev libssl-dev libpq-dev libcurl4-openssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake cmake
COPY include include
COPY src src
COPY schemas schemas
COPY conformance conformance
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSCIMD_TESTS=OFF \
 && cmake --build /build --target scimd \
 && strip /build/scimd

FROM debian:bookworm-slim
# The run-time halves of the build's -dev packages, and the roots that verify an SMTP server.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        libboost-json1.81.0 libsoci-core4.0 libsoci-postgresql4.0 libpq5 libssl3 libcurl4 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/scimd /usr/local/bin/scimd
# Not root, and no home or shell to speak of: scimd writes nothing to disk.
RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin scimd
USER 10001:10001
# Inside a container scimd listens on every address; TLS is its own (self-signed unless
# SCIMD_TLS_CERT/SCIMD_TLS_KEY name mounted files).
ENV SCIMD_LISTEN=0.0.0.0:8443
EXPOSE 8443
# The image has no HTTP client: `scimd ready` asks this process's /readyz over loopback, reading
# SCIMD_LISTEN and SCIMD_PLAIN_HTTP as serve does, and gives up after 3 s
# (docs/command-line.md "scimd ready").
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/scimd", "ready"]
ENTRYPOINT ["/usr/local/bin/scimd"]
CMD ["serve"]
