#!/bin/sh
# dom0-build boot test: /init of the PV guest that dom0 creates with xl. It proves that the guest's
# kernel and user space ran (the nonce exists only in this file, never on a command line the kernel
# prints), and shuts the guest down cleanly.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
echo "DOM0-BUILD-GUEST: nonce=@NONCE@"
echo "DOM0-BUILD-GUEST: kernel-release=$(uname -r)"
echo "DOM0-BUILD-GUEST: hypervisor-type=$(cat /sys/hypervisor/type 2>/dev/null)"
poweroff -f
