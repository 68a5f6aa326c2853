#!/bin/sh
# dom0-build boot test: the initramfs's /init in dom0. It does what the reference recipe's "reboot and
# test" section does by hand (read /sys/hypervisor/type, start xenstored, talk to it), prints each
# result on a line starting with the marker, and powers off. The goal reads the console, not this
# script's exit status.
M=DOM0-BUILD-BOOT-TEST
PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/lib/xen/bin
export PATH
# A cross-built dom0's busybox could not be asked for its applets at build time: it links them now.
[ -e /bin/mount ] || /bin/busybox --install -s
. /etc/dom0-build-boot-test.conf

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /proc/xen /run /tmp /var/run/xenstored /var/log/xen /var/lib/xen /var/lib/xenstored
mount -t xenfs xenfs /proc/xen

echo "$M: begin"
echo "$M: hypervisor-type=$(cat /sys/hypervisor/type 2>/dev/null)"
echo "$M: capabilities=$(cat /proc/xen/capabilities 2>/dev/null)"
echo "$M: kernel-release=$(uname -r)"
echo "$M: machine=$(uname -m)"
if [ -r /sys/hypervisor/version/major ]; then
    echo "$M: xen-version=$(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)$(cat /sys/hypervisor/version/extra)"
fi

echo "$M: xenstored=$XENSTORED"
"$XENSTORED" --pid-file /var/run/xenstored.pid $XENSTORED_ARGS
i=0
while [ ! -S /var/run/xenstored/socket ] && [ $i -lt 60 ]; do
    sleep 1
    i=$((i + 1))
done
xen-init-dom0 && echo "$M: xen-init-dom0=ok" || echo "$M: xen-init-dom0=failed"
echo "$M: domid=$(xenstore-read domid 2>&1)"
xenstore-write /dom0-build/boot-test "$NONCE" && echo "$M: xenstore-read-back=$(xenstore-read /dom0-build/boot-test 2>&1)"
if command -v xl >/dev/null 2>&1; then
    xl list 2>&1 | sed "s/^/$M: xl: /"
fi
echo "$M: end"
poweroff -f
