#!/bin/sh
# dom0-build boot test, systemd mode: dom0-build-check.service runs this once the Xen units have
# started. It waits until systemd has finished the boot, then reports what the reference recipe's
# "after bootup" section checks by hand (the hypervisor type, the Xen units' states, xenstored, a
# xenstore round trip, xl list and xl info), creates a small PV guest, and powers the machine off.
# Every result is a marker line on the console; the goal reads them and decides, nothing here does.
M=DOM0-BUILD-BOOT-TEST
. /etc/dom0-build/boot-test.conf
exec 3>/dev/console

say() { printf '%s: %s\n' "$M" "$*" >&3; }
quote() {
    while IFS= read -r line || [ -n "$line" ]; do
        say "$1$(printf '%s' "$line" | tr -d '\r')"
    done
}

say begin
say init=$(cat /proc/1/comm)
# States read before the boot has finished can still change; this waits for the last job.
say system-state=$(systemctl is-system-running --wait 2>&1)
say hypervisor-type=$(cat /sys/hypervisor/type 2>/dev/null)
say capabilities=$(cat /proc/xen/capabilities 2>/dev/null)
say kernel-release=$(uname -r)
say machine=$(uname -m)
if [ -r /sys/hypervisor/version/major ]; then
    say xen-version=$(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)$(cat /sys/hypervisor/version/extra)
fi
systemd-analyze time 2>&1 | quote "systemd-analyze: "

for u in $UNITS; do
    say "unit: $u $(systemctl show -p ActiveState -p SubState -p Result "$u" | tr '\n' ' ')"
done
failed=$(systemctl list-units --all --state=failed --plain --no-legend --no-pager | awk '{print $1}')
for u in $failed; do
    say "failed: $u"
done
journals=$failed
for u in $ENABLED; do
    [ "$(systemctl show -p ActiveState --value "$u")" = active ] || journals="$journals $u"
done
# A unit that ran before journald started has its lines in the journal without the unit's name: they
# are found by the name of the program it ran.
for u in $(printf '%s\n' $journals | sort -u); do
    lines=$(journalctl -b -q -u "$u" --no-pager --no-hostname -o short-monotonic 2>&1 | tail -n 40)
    if [ -z "$lines" ]; then
        program=$(systemctl show -p ExecStart --value "$u" | sed -n 's/.*path=\([^ ;]*\).*/\1/p' | head -n 1)
        [ -z "$program" ] || lines=$(journalctl -b -q -t "${program##*/}" --no-pager --no-hostname \
            -o short-monotonic 2>&1 | tail -n 40)
    fi
    [ -z "$lines" ] || printf '%s\n' "$lines" | quote "journal: $u: "
done
journalctl -b -u xenstored.service --no-pager --no-hostname -o short-monotonic 2>&1 | tail -n 20 \
    | quote "xenstored-journal: "

if [ -r /var/run/xen/xenstored.pid ]; then
    say xenstored=$(readlink "/proc/$(cat /var/run/xen/xenstored.pid)/exe")
fi
# Without a xenstore daemon the clients wait on the kernel's xenbus for ever: each gets a time limit.
say domid=$(timeout 20 xenstore-read domid 2>&1)
read_back=
timeout 20 xenstore-write /dom0-build/boot-test "$NONCE" \
    && read_back=$(timeout 20 xenstore-read /dom0-build/boot-test 2>&1) && say xenstore-read-back=$read_back
timeout 30 xl list 2>&1 | quote "xl: "
timeout 30 xl info 2>&1 | quote "xl-info: "

if [ -n "$GUEST_CONFIG" ] && [ "$read_back" != "$NONCE" ]; then
    say "guest-skipped=xenstore does not answer, so xl cannot create a domain"
elif [ -n "$GUEST_CONFIG" ]; then
    say guest-begin
    start=$(date +%s.%N)
    # -c attaches the guest's console through xenconsoled until the guest is gone.
    timeout "$GUEST_TIMEOUT" xl create -c "$GUEST_CONFIG" >/run/dom0-build-guest.log 2>&1
    say guest-exit=$?
    say guest-seconds=$(echo "$(date +%s.%N) $start" | awk '{ printf "%.1f", $1 - $2 }')
    tail -n 200 /run/dom0-build-guest.log | quote "guest-console: "
    tail -n 20 "/var/log/xen/xl-$GUEST_NAME.log" 2>&1 | quote "guest-xl-log: "
    timeout 30 xl list 2>&1 | quote "xl-after-guest: "
fi

say end
systemctl poweroff --force --force
