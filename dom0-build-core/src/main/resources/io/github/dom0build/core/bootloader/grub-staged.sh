#!/bin/sh
# Runs one of grub's own grub.d scripts (20_linux_xen) against a staged /boot. This script runs in a
# private mount namespace (unshare --mount), so the bind mount below hides the machine's real /boot
# from the grub script only, and disappears with the namespace: the real /boot is never touched.
#
# Arguments (never interpolated into code): staged boot dir, output file, grub.d script,
# grub-mkrelpath replacement. grub's GRUB_* settings come in the environment: dom0-build reads the
# root's default/grub as data; it is never sourced here.
set -e
staged_boot=$1
output=$2
script=$3
relpath=$4

mount --bind "$staged_boot" /boot
export pkgdatadir="${pkgdatadir:-/usr/share/grub}"
# grub-mkrelpath would report the bind mount's source directory instead of /boot.
export grub_mkrelpath="$relpath"
# A staged /boot has no disk for grub-probe to describe; the target's own update-grub writes the
# device lines (insmod, search --fs-uuid). Without this, grub-probe prints its usage once per entry.
export grub_probe=true
"$script" > "$output"
