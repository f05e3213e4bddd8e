#!/bin/sh
# deploy.sh: publish a built archive (the output folder of `referat build`) on a web server.
#
#   deploy/deploy.sh [--keep N] SITE TARGET    upload SITE into a new release folder under TARGET
#                                              and switch TARGET/current to it in one rename
#   deploy/deploy.sh --rollback TARGET         switch TARGET/current back to the release before it
#
# TARGET is a folder on this machine (/var/www/referater) or on another one over ssh
# (deploy@web1.kommune.dk:/var/www/referater). Under TARGET:
#   releases/20261206T101500Z/   one folder per deploy (UTC time; -001, -002 … for a second one
#                                in the same second)
#   current -> releases/…        a symbolic link: point the web server's root at TARGET/current
# The new release is uploaded in full (into releases/.NAME.partial, then renamed) before the link
# is switched, and the link is switched with one rename (`ln -s` to a temporary name, then
# `mv -T`), so a reader sees the old site or the new one, never a missing or half one. The last N
# releases (default 5) are kept for --rollback; older ones are removed, never the current one.
# Uses rsync when this machine has it (unchanged files are hard-linked to the current release),
# else cp (local) or tar over ssh. REFERAT_DEPLOY_COPY=cp forces the plain copy.
# Portable POSIX sh; the server needs a POSIX shell and GNU `mv -T` (or BSD `mv -h`).
# Exit status: 0 done; 1 failed (nothing switched); 2 wrong usage. See docs/hosting.md.
set -eu

usage() {
  cat >&2 <<'EOF'
Brug: deploy/deploy.sh [--keep N] SITE MÅL
      deploy/deploy.sh --rollback MÅL
  SITE   mappen, referat build skrev (fx _site)
  MÅL    en mappe her (/var/www/referater) eller over ssh (bruger@server:/var/www/referater);
         webserverens rod skal være MÅL/current
  --keep N     behold de sidste N udgaver (standard 5)
  --rollback   skift tilbage til udgaven før den nuværende
EOF
  exit 2
}

keep=5
rollback=0
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) [ $# -ge 2 ] || usage; keep=$2; shift 2 ;;
    --keep=*) keep=${1#--keep=}; shift ;;
    --rollback) rollback=1; shift ;;
    -h|--help) usage ;;
    --) shift; break ;;
    -*) echo "Ukendt tilvalg: $1" >&2; usage ;;
    *) break ;;
  esac
done
case "$keep" in ''|*[!0-9]*|0) echo "--keep skal være et helt tal på mindst 1, men er \"$keep\"." >&2; exit 2 ;; esac

if [ "$rollback" = 1 ]; then
  [ $# -eq 1 ] || usage
  target=$1
else
  [ $# -eq 2 ] || usage
  site=$1
  target=$2
fi

# TARGET as host and folder: "host:/path" (no slash before the colon) is remote.
case "$target" in
  /*|./*|../*) host='' ; base=$target ;;
  *:*) host=${target%%:*}; base=${target#*:} ;;
  *) host=''; base=$target ;;
esac
base=${base%/}
[ -n "$base" ] || { echo "MÅL skal være en mappe, men er \"$target\"." >&2; exit 2; }

# Quotes a word for the shell at the other end.
quote() {
  printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# The part that runs where the releases are (here, or on the server through ssh): one small
# script, the same in both cases. Actions: prepare BASE, activate BASE NAME KEEP, rollback BASE.
REMOTE=$(cat <<'EOS'
set -eu
action=$1
base=$2
releases=$base/releases

current_name() {
  if [ -L "$base/current" ]; then
    link=$(readlink "$base/current")
    printf '%s\n' "${link##*/}"
  fi
}

# Points $base/current at releases/$1 with one rename: no moment without a site.
switch_to() {
  tmp=$base/.current.tmp.$$
  rm -f "$tmp"
  ln -s "releases/$1" "$tmp"
  if mv -T "$tmp" "$base/current" 2>/dev/null; then :
  elif mv -h "$tmp" "$base/current" 2>/dev/null; then :
  else
    rm -f "$tmp"
    echo "Kunne ikke skifte $base/current: serveren skal have GNU mv (mv -T) eller BSD mv (mv -h)." >&2
    exit 1
  fi
}

case "$action" in
  prepare)
    if [ -e "$base/current" ] && [ ! -L "$base/current" ]; then
      echo "$base/current findes og er ikke et symbolsk link. Flyt den gamle mappe væk først (fx til $base/releases/gammel) og peg webserveren på $base/current." >&2
      exit 1
    fi
    mkdir -p "$releases"
    # A deploy that was killed may have left a half upload: it is never a release.
    for partial in "$releases"/.*.partial; do
      [ -e "$partial" ] && rm -rf "$partial"
    done
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    name=$stamp
    n=0
    while [ -e "$releases/$name" ]; do
      n=$((n + 1))
      name=$stamp-$(printf '%03d' "$n")
    done
    mkdir "$releases/.$name.partial"
    printf '%s\n%s\n' "$name" "$(current_name)"
    ;;
  activate)
    name=$3
    keep=$4
    partial=$releases/.$name.partial
    if [ ! -f "$partial/index.html" ]; then
      echo "Udgaven $name er ikke uploadet helt (index.html mangler); intet er skiftet." >&2
      rm -rf "$partial"
      exit 1
    fi
    mv "$partial" "$releases/$name"
    switch_to "$name"
    # Keep the newest $keep releases and the current one; remove the rest.
    count=0
    for release in $(ls -1 "$releases" | sort -r); do
      count=$((count + 1))
      if [ "$count" -gt "$keep" ] && [ "$release" != "$name" ]; then
        rm -rf "${releases:?}/$release"
      fi
    done
    ;;
  rollback)
    current=$(current_name)
    if [ -z "$current" ]; then
      echo "$base/current findes ikke: der er intet at rulle tilbage." >&2
      exit 1
    fi
    previous=''
    for release in $(ls -1 "$releases" | sort); do
      [ "$release" = "$current" ] && break
      previous=$release
    done
    if [ -z "$previous" ]; then
      echo "Der er ingen udgave før $current i $releases." >&2
      exit 1
    fi
    switch_to "$previous"
    printf '%s\n%s\n' "$current" "$previous"
    ;;
esac
EOS
)

# Runs the release script with its arguments where the releases are.
at_target() {
  if [ -n "$host" ]; then
    args=''
    for arg in "$@"; do args="$args $(quote "$arg")"; done
    printf '%s\n' "$REMOTE" | ssh "$host" "sh -s --$args"
  else
    printf '%s\n' "$REMOTE" | sh -s -- "$@"
  fi
}

# Whatever goes wrong from here on, the site being served is the one that was.
trap 'echo "Intet er skiftet: $target/current er som før." >&2' EXIT

if [ "$rollback" = 1 ]; then
  answer=$(at_target rollback "$base")
  from=$(printf '%s\n' "$answer" | sed -n 1p)
  to=$(printf '%s\n' "$answer" | sed -n 2p)
  trap - EXIT
  echo "Rullet tilbage: $target/current viser nu udgaven $to (før: $from)."
  exit 0
fi

if [ ! -f "$site/index.html" ]; then
  echo "$site ligner ikke et bygget arkiv (ingen index.html). Byg det først med npm run build." >&2
  exit 1
fi

answer=$(at_target prepare "$base")
name=$(printf '%s\n' "$answer" | sed -n 1p)
current=$(printf '%s\n' "$answer" | sed -n 2p)
partial=$base/releases/.$name.partial

copy=${REFERAT_DEPLOY_COPY:-}
if [ -z "$copy" ]; then
  if command -v rsync >/dev/null 2>&1; then copy=rsync; else copy=cp; fi
fi
if [ "$copy" = rsync ]; then
  # Unchanged files are hard links to the current release: a deploy costs what changed.
  # --checksum: compared by content, not by size and time (a build rewrites every file, and two
  # builds in the same second could otherwise share a changed file of the same size).
  link=''
  [ -n "$current" ] && link="--link-dest=$base/releases/$current/"
  if [ -n "$host" ]; then
    rsync -a --checksum --delete ${link:+"$link"} -e ssh "$site/" "$host:$partial/"
  else
    rsync -a --checksum --delete ${link:+"$link"} "$site/" "$partial/"
  fi
elif [ -n "$host" ]; then
  (cd "$site" && tar -cf - .) | ssh "$host" "tar -C $(quote "$partial") -xf -"
else
  cp -R "$site/." "$partial/"
fi

at_target activate "$base" "$name" "$keep"
trap - EXIT
echo "Udgivet: $target/current viser nu udgaven $name."
