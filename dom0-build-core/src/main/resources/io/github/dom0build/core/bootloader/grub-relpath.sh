#!/bin/sh
# Stands in for grub-mkrelpath on a staged /boot: the path relative to its file system's root is the
# path itself, as it will be on the target machine where /boot is the root's own directory.
printf '%s\n' "$1"
