#!/bin/sh
# Runs one command inside a machine's root file system mounted at a directory, the way a
# distribution's installer runs the new system's own tools: the kernel's file systems the command
# expects (proc, sys, dev, a fresh run), then chroot. This script runs in a private mount namespace
# (unshare --mount), so these mounts vanish with it and the build host's mount table never changes.
#
# Arguments (never interpolated into code): the root, then the command and its arguments.
set -e
root=$1
shift
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs tmpfs "$root/run"
exec chroot "$root" "$@"
