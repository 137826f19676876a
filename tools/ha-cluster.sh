#!/usr/bin/env bash
# A replicated PostgreSQL for the hub on one machine (docs/operations.md §11): one etcd member, two or
# three PostgreSQL 15 nodes under Patroni with synchronous replication, HAProxy in front sending the
# hub to whichever node Patroni's REST API calls the primary (GET /primary), and pgBackRest archiving
# WAL and taking backups. Debian 12's packages, installed where missing (as root). PostgreSQL, Patroni,
# etcd and HAProxy run as the `postgres` user when started by root, never as root.
#
#   tools/ha-cluster.sh start DIR [--port BASE] [--nodes 2|3] [--clock-behind NODE:SECONDS]
#   tools/ha-cluster.sh stop DIR                  stops everything the start started (and a restored node)
#   tools/ha-cluster.sh status DIR                patronictl list
#   tools/ha-cluster.sh primary DIR               the primary's node name (node1, node2, node3)
#   tools/ha-cluster.sh kill-primary DIR [--whole-server]  kill -9 of the primary's postmaster (and children)
#   tools/ha-cluster.sh switchover DIR            a planned switchover to the synchronous standby
#   tools/ha-cluster.sh replication DIR sync|async  Patroni's synchronous_mode on or off
#   tools/ha-cluster.sh pause-replication DIR     SIGSTOP of the primary's WAL senders (the naive control)
#   tools/ha-cluster.sh resume-replication DIR    SIGCONT of them
#   tools/ha-cluster.sh backup DIR                a full pgBackRest backup from the primary
#   tools/ha-cluster.sh archive DIR               archives the WAL written so far (pgbackrest check)
#   tools/ha-cluster.sh restore DIR TIME          restores the newest backup, replayed to TIME, into DIR/restored,
#                                                 started on its own port (point-in-time recovery)
#   tools/ha-cluster.sh wipe DIR                  deletes a stopped cluster's directory
#   tools/ha-cluster.sh install                   only installs the packages
#
# Ports (BASE, default 25400; each must be free): etcd BASE and BASE+1, node n PostgreSQL BASE+2n and
# its Patroni REST API BASE+2n+1, HAProxy BASE+8 (the hub's address), the restored node BASE+9.
# DIR/cluster.env holds the ports and the generated passwords (owner and runtime role of the hub).
# --clock-behind runs that node's PostgreSQL under libfaketime, its clock SECONDS behind the others'.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
PACKAGES=(postgresql-15 patroni etcd-server etcd-client pgbackrest haproxy faketime curl)
FAKETIME_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
SCOPE=enquiry-hub

die() { echo "ha-cluster: $*" >&2; exit 1; }
say() { echo "ha-cluster: $*" >&2; }

install_packages() {
  local missing=()
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "needs ${missing[*]}: run as root, or 'sudo apt-get install -y ${missing[*]}' once"
  say "installing ${missing[*]} (once)"
  # The packages' own services are not wanted: the cluster runs its own processes on its own ports.
  local policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  [ -z "$policy" ] || rm -f "$policy"
}

# as_owner CMD...: runs CMD as the cluster's user (postgres when we are root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

load_env() {
  [ -f "$DIR/cluster.env" ] || die "no cluster in $DIR (start one first)"
  # shellcheck disable=SC1091
  . "$DIR/cluster.env"
}

rest_port() { echo $((BASE + 2 * ${1#node} + 1)); }
pg_port() { echo $((BASE + 2 * ${1#node})); }

patronictl_() { as_owner patronictl -c "$DIR/node1/patroni.yml" "$@"; }

primary() {
  local node
  for node in $NODE_NAMES; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(rest_port "$node")/primary")" = 200 ]; then
      echo "$node"; return 0
    fi
  done
  return 1
}

wait_for() { # wait_for SECONDS WHAT CMD...
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "timed out after ${seconds}s waiting for $what (logs in $DIR/*/)"
    sleep 0.5
  done
}

sync_standby_ready() {
  local node
  for node in $NODE_NAMES; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(rest_port "$node")/sync")" = 200 ] && return 0
  done
  return 1
}

replicas_streaming() {
  local node count=0
  for node in $NODE_NAMES; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(rest_port "$node")/replica")" = 200 ] && count=$((count + 1))
  done
  [ $count -eq $((NODES - 1)) ]
}

start_daemon() { # start_daemon NAME LOG CMD...: in its own session, its pid in DIR/NAME.pid
  local name=$1 log=$2; shift 2
  # The program writes its own pid (not runuser's) before it replaces the shell.
  as_owner setsid sh -c 'echo $$ >"$0"; exec "$@"' "$DIR/$name.pid" "$@" >>"$log" 2>&1 </dev/null &
  for _ in $(seq 50); do [ -s "$DIR/$name.pid" ] && return 0; sleep 0.1; done
  die "$name did not start: $log"
}

port_free() { ! ss -ltnH "sport = :$1" | grep -q .; }

cmd_start() {
  local nodes=2 clock_behind=""
  BASE=25400
  while [ $# -gt 0 ]; do
    case "$1" in
      --port) BASE=$2; shift 2 ;;
      --nodes) nodes=$2; shift 2 ;;
      --clock-behind) clock_behind=$2; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [ "$nodes" = 2 ] || [ "$nodes" = 3 ] || die "--nodes is 2 or 3"
  install_packages
  [ ! -f "$DIR/cluster.env" ] || die "$DIR already holds a cluster: stop it first"
  for port in $(seq "$BASE" $((BASE + 9))); do port_free "$port" || die "port $port is taken: choose another --port"; done
  mkdir -p "$DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$DIR"; chmod 700 "$DIR"; fi
  local names="" n
  for n in $(seq 1 "$nodes"); do names="$names node$n"; done
  cat >"$DIR/cluster.env" <<EOF
BASE=$BASE
NODES=$nodes
NODE_NAMES="${names# }"
ETCD_PORT=$BASE
HAPROXY_PORT=$((BASE + 8))
RESTORED_PORT=$((BASE + 9))
SUPERUSER_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
REPLICATION_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
OWNER_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
RUNTIME_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
EOF
  chmod 644 "$DIR/cluster.env"
  load_env

  start_daemon etcd "$DIR/etcd.log" etcd --name etcd1 --data-dir "$DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$BASE" --advertise-client-urls "http://127.0.0.1:$BASE" \
    --listen-peer-urls "http://127.0.0.1:$((BASE + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((BASE + 1))" \
    --initial-cluster "etcd1=http://127.0.0.1:$((BASE + 1))" --initial-cluster-state new
  wait_for 30 etcd curl -sf "http://127.0.0.1:$BASE/health"

  write_pgbackrest_conf
  local node
  for node in $NODE_NAMES; do
    local bin=$PG_BIN
    if [ "${clock_behind%%:*}" = "$node" ]; then bin=$(faketime_bin "$node" "${clock_behind#*:}"); fi
    write_patroni_yml "$node" "$bin"
    start_daemon "$node" "$DIR/$node/patroni.log" patroni "$DIR/$node/patroni.yml"
    if [ "$node" = node1 ]; then
      wait_for 120 "the first node to bootstrap" primary
      create_hub_database
    fi
  done
  wait_for 180 "the standbys to stream" replicas_streaming
  wait_for 60 "a synchronous standby" sync_standby_ready
  write_haproxy_cfg
  start_daemon haproxy "$DIR/haproxy.log" haproxy -db -f "$DIR/haproxy.cfg"
  wait_for 30 "HAProxy" pg_isready_haproxy
  as_owner pgbackrest --config="$DIR/pgbackrest.conf" --stanza=hub $(pg_options "$(primary)") stanza-create >>"$DIR/pgbackrest.log" 2>&1 \
    || die "pgbackrest stanza-create failed: $DIR/pgbackrest.log"
  say "cluster up: primary $(primary), HAProxy on 127.0.0.1:$HAPROXY_PORT, database enquiry_hub"
}

pg_isready_haproxy() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$HAPROXY_PORT"; }

# A bin directory whose postgres runs under libfaketime, its clock SECONDS behind (the other programs
# are the real ones; Patroni starts PostgreSQL from bin_dir).
faketime_bin() {
  local node=$1 seconds=$2 dir="$DIR/$1/bin"
  mkdir -p "$dir"
  for program in "$PG_BIN"/*; do ln -sf "$program" "$dir/"; done
  rm -f "$dir/postgres"
  cat >"$dir/postgres" <<EOF
#!/bin/sh
# CLOCK_MONOTONIC stays real: only the wall clock is behind.
LD_PRELOAD=$FAKETIME_LIB FAKETIME="-${seconds}" DONT_FAKE_MONOTONIC=1 FAKETIME_DONT_FAKE_MONOTONIC=1 exec $PG_BIN/postgres "\$@"
EOF
  chmod 755 "$dir/postgres"
  [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$DIR/$node"
  echo "$dir"
}

write_patroni_yml() {
  local node=$1 bin=$2 pg rest
  pg=$(pg_port "$node"); rest=$(rest_port "$node")
  mkdir -p "$DIR/$node"
  cat >"$DIR/$node/patroni.yml" <<EOF
scope: $SCOPE
namespace: /enquiry-hub-ha/
name: $node
restapi:
  listen: 127.0.0.1:$rest
  connect_address: 127.0.0.1:$rest
etcd3:
  hosts: 127.0.0.1:$ETCD_PORT
bootstrap:
  dcs:
    ttl: 20
    loop_wait: 2
    retry_timeout: 5
    maximum_lag_on_failover: 1048576
    # A committed write is on the synchronous standby too, and only that standby may be promoted.
    synchronous_mode: true
    # A crashed primary is failed over at once rather than restarted in place.
    primary_start_timeout: 0
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        archive_mode: "on"
        archive_timeout: 60
        max_connections: 100
        timezone: UTC
        shared_buffers: 64MB
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
postgresql:
  listen: 127.0.0.1:$pg
  connect_address: 127.0.0.1:$pg
  data_dir: $DIR/$node/data
  bin_dir: $bin
  pgpass: $DIR/$node/pgpass
  basebackup:
    - checkpoint: fast
  authentication:
    superuser:
      username: postgres
      password: $SUPERUSER_PASSWORD
    replication:
      username: replicator
      password: $REPLICATION_PASSWORD
    rewind:
      username: postgres
      password: $SUPERUSER_PASSWORD
  parameters:
    unix_socket_directories: $DIR/$node
    archive_command: pgbackrest --config=$DIR/pgbackrest.conf --stanza=hub --pg1-path=$DIR/$node/data archive-push %p
  recovery_conf:
    restore_command: pgbackrest --config=$DIR/pgbackrest.conf --stanza=hub --pg1-path=$DIR/$node/data archive-get %f "%p"
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
tags:
  nofailover: false
  noloadbalance: false
EOF
  [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$DIR/$node"
  chmod 600 "$DIR/$node/patroni.yml"
}

write_pgbackrest_conf() {
  mkdir -p "$DIR/backup" "$DIR/pgbackrest"
  cat >"$DIR/pgbackrest.conf" <<EOF
[global]
repo1-path=$DIR/backup
repo1-retention-full=2
log-path=$DIR/pgbackrest
lock-path=$DIR/pgbackrest
spool-path=$DIR/pgbackrest
log-level-console=warn
log-level-file=info
start-fast=y
archive-timeout=60

[hub]
pg1-path=$DIR/node1/data
pg1-port=$(pg_port node1)
pg1-socket-path=$DIR/node1
EOF
  [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$DIR/backup" "$DIR/pgbackrest" "$DIR/pgbackrest.conf"
}

# pgBackRest's options for the node that is primary now.
pg_options() { echo "--pg1-path=$DIR/$1/data --pg1-port=$(pg_port "$1") --pg1-socket-path=$DIR/$1"; }

create_hub_database() {
  local node
  node=$(primary)
  as_owner "$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -h "$DIR/$node" -p "$(pg_port "$node")" -U postgres postgres <<EOF
create role enquiry_hub_owner login password '$OWNER_PASSWORD';
create role enquiry_hub login password '$RUNTIME_PASSWORD';
create database enquiry_hub owner enquiry_hub_owner;
\c enquiry_hub
revoke create on schema public from public;
grant usage, create on schema public to enquiry_hub_owner;
EOF
}

write_haproxy_cfg() {
  {
    cat <<EOF
global
  maxconn 400
defaults
  mode tcp
  timeout connect 2s
  timeout client 1h
  timeout server 1h
  timeout check 2s
listen primary
  bind 127.0.0.1:$HAPROXY_PORT
  option httpchk
  http-check send meth GET uri /primary
  http-check expect status 200
  default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
EOF
    local node
    for node in $NODE_NAMES; do
      echo "  server $node 127.0.0.1:$(pg_port "$node") maxconn 150 check port $(rest_port "$node")"
    done
  } >"$DIR/haproxy.cfg"
}

pids_under_dir() { # postmasters whose data directory lies in DIR (Patroni's children, or a restored node)
  local pidfile
  for pidfile in "$DIR"/*/data/postmaster.pid "$DIR"/restored/postmaster.pid; do
    [ -f "$pidfile" ] && head -n 1 "$pidfile"
  done
  return 0
}

stop_pidfile() { # stop_pidfile NAME: SIGTERM, then SIGKILL after 30 s
  local file="$DIR/$1.pid" pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

cmd_stop() {
  [ -f "$DIR/cluster.env" ] || { say "no cluster in $DIR"; return 0; }
  load_env
  stop_pidfile haproxy
  local node
  for node in $NODE_NAMES; do stop_pidfile "$node" & done
  wait
  if [ -f "$DIR/restored/postmaster.pid" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$DIR/restored" -m fast -w stop >/dev/null 2>&1 || true
  fi
  # A postmaster whose Patroni was killed: stopped the way Patroni would (fast shutdown).
  local pid
  for pid in $(pids_under_dir); do kill -INT "$pid" 2>/dev/null || true; done
  for pid in $(pids_under_dir); do
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  done
  stop_pidfile etcd
  mv "$DIR/cluster.env" "$DIR/cluster.env.stopped"
  say "stopped"
}

# kill -9 of the primary's postmaster; with --whole-server, of all its processes at once too (the
# server gone, as with power lost: no backend or WAL sender finishes what it was sending).
cmd_kill_primary() {
  load_env
  local node pid children=""
  node=$(primary) || die "no primary"
  pid=$(head -n 1 "$DIR/$node/data/postmaster.pid")
  [ "${1:-}" != --whole-server ] || children=$(pgrep -P "$pid" || true)
  # shellcheck disable=SC2086
  kill -KILL "$pid" $children
  echo "$node"
}

cmd_switchover() {
  load_env
  local from
  from=$(primary) || die "no primary"
  wait_for 120 "a synchronous standby to switch over to" sync_standby_ready
  patronictl_ switchover --force --primary "$from" "$SCOPE" >>"$DIR/switchover.log" 2>&1 \
    || die "switchover failed: $DIR/switchover.log"
  primary
}

cmd_replication() {
  load_env
  case "$1" in
    sync) patronictl_ edit-config --force -s synchronous_mode=true "$SCOPE" >/dev/null ;;
    async) patronictl_ edit-config --force -s synchronous_mode=false "$SCOPE" >/dev/null ;;
    *) die "replication sync|async" ;;
  esac
  # Patroni applies it within a loop or two: wait until the sync key says so.
  if [ "$1" = async ]; then
    wait_for 30 "synchronous_standby_names to be cleared" no_sync_standby
  else
    wait_for 60 "a synchronous standby" sync_standby_ready
  fi
}

no_sync_standby() {
  local node value
  node=$(primary) || return 1
  value=$(as_owner "$PG_BIN/psql" -Atq -h "$DIR/$node" -p "$(pg_port "$node")" -U postgres -c 'show synchronous_standby_names' postgres)
  [ -z "$value" ]
}

walsenders() {
  local node
  node=$(primary) || return 0
  pgrep -P "$(head -n 1 "$DIR/$node/data/postmaster.pid")" -f 'walsender' || true
}

has_walsender() { [ -n "$(walsenders)" ]; }

# SIGSTOP of the primary's WAL senders: the standbys fall behind (what the naive control needs: with
# asynchronous replication the primary still acknowledges commits; with synchronous, commits wait).
cmd_pause_replication() {
  load_env
  wait_for 120 "a WAL sender on the primary" has_walsender
  # shellcheck disable=SC2046
  kill -STOP $(walsenders)
}

cmd_resume_replication() { load_env; local pids; pids=$(walsenders); [ -z "$pids" ] || kill -CONT $pids; }

cmd_backup() {
  load_env
  local node
  node=$(primary) || die "no primary"
  # shellcheck disable=SC2046
  as_owner pgbackrest --config="$DIR/pgbackrest.conf" --stanza=hub $(pg_options "$node") --type=full backup \
    >>"$DIR/pgbackrest.log" 2>&1 || die "backup failed: $DIR/pgbackrest.log"
  as_owner pgbackrest --config="$DIR/pgbackrest.conf" --stanza=hub info
}

# Switches the primary to a new WAL segment and waits until it is archived (pgbackrest check): then
# the archive holds every write committed before.
cmd_archive() {
  load_env
  local node
  node=$(primary) || die "no primary"
  # shellcheck disable=SC2046
  as_owner pgbackrest --config="$DIR/pgbackrest.conf" --stanza=hub $(pg_options "$node") check \
    >>"$DIR/pgbackrest.log" 2>&1 || die "pgbackrest check failed: $DIR/pgbackrest.log"
}

cmd_restore() {
  load_env
  local target=$1 restored="$DIR/restored"
  [ ! -e "$restored" ] || die "$restored exists"
  mkdir -p "$restored"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$restored"
  chmod 700 "$restored"
  as_owner pgbackrest --config="$DIR/pgbackrest.conf" --stanza=hub --pg1-path="$restored" \
    --type=time --target="$target" --target-action=promote restore >>"$DIR/pgbackrest.log" 2>&1 \
    || die "restore failed: $DIR/pgbackrest.log"
  # The restored files carry node's settings (Patroni's postgresql.conf): its own port, socket and hba
  # here, and no archiving (it is a new history, not this cluster's).
  as_owner cp "$DIR/node1/data/pg_hba.conf" "$restored/pg_hba.conf" 2>/dev/null || true
  as_owner sh -c "cat >>'$restored/postgresql.auto.conf'" <<EOF
port = $RESTORED_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$restored'
hba_file = '$restored/pg_hba.conf'
ident_file = '$restored/pg_ident.conf'
archive_mode = off
synchronous_standby_names = ''
cluster_name = 'restored'
EOF
  as_owner "$PG_BIN/pg_ctl" -D "$restored" -l "$DIR/restored.log" -w -t 300 start >/dev/null \
    || die "the restored node did not start: $DIR/restored.log"
  wait_for 300 "the restored node to finish recovery" restored_promoted
  say "restored to $target: 127.0.0.1:$RESTORED_PORT"
}

restored_promoted() {
  as_owner "$PG_BIN/pg_ctl" -D "$DIR/restored" status >/dev/null || die "the restored node stopped: $DIR/restored.log"
  [ "$(as_owner "$PG_BIN/psql" -Atq -h "$DIR/restored" -p "$RESTORED_PORT" -U postgres -c 'select pg_is_in_recovery()' postgres)" = f ]
}

command=${1:-}
[ -n "$command" ] || { sed -n '2,25p' "$0"; exit 2; }
shift
if [ "$command" = install ]; then install_packages; exit 0; fi
[ $# -ge 1 ] || die "$command needs the cluster's directory"
DIR=$(readlink -m "$1")
shift
case "$command" in
  start) cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) load_env; patronictl_ list ;;
  primary) load_env; primary ;;
  kill-primary) cmd_kill_primary "$@" ;;
  switchover) cmd_switchover ;;
  replication) cmd_replication "$@" ;;
  pause-replication) cmd_pause_replication ;;
  resume-replication) cmd_resume_replication ;;
  backup) cmd_backup ;;
  archive) cmd_archive ;;
  restore) cmd_restore "$@" ;;
  wipe) [ -f "$DIR/cluster.env.stopped" ] && [ ! -f "$DIR/cluster.env" ] || die "stop the cluster first"; rm -rf "$DIR" ;;
  *) die "unknown command $command" ;;
esac
