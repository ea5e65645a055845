"""virtnetworkd end to end, inside network namespaces this test makes.

Topology (every piece in a namespace of ours, nothing on the host):

    upstream ns "u"  eth0 10.77.0.2/24
         |  veth
    daemon ns "d"    up0 10.77.0.1/24, the bridges virtnetworkd makes,
         |           dnsmasq, the firewall tables; virtnetworkd/virtqemud run here
         |  veths attached to the bridges
    client nss       eth0, configured by busybox udhcpc from dnsmasq

Checked: DHCP leases in the range and in net-dhcp-leases, DNS host entries
served by dnsmasq, NAT towards upstream with the source translated, an
isolated network reaching nothing beyond its bridge, a daemon restart that
keeps everything as it was, stop removing every interface and rule, errors
that leave nothing half-made, and a real guest with <interface
type='network'> getting its address.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import types
import unittest
import uuid as uuidlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402

NAT_XML = """<network>
  <name>nat1</name>
  <forward mode='nat'/>
  <bridge name='vtbr0'/>
  <domain name='virtd.test' localOnly='yes'/>
  <dns>
    <host ip='192.168.150.7'>
      <hostname>alias7</hostname>
    </host>
  </dns>
  <ip address='192.168.150.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.150.100' end='192.168.150.120'/>
    </dhcp>
  </ip>
</network>
"""

ISO_XML = """<network>
  <name>iso1</name>
  <bridge name='vtbr1'/>
  <ip address='192.168.151.1' prefix='24'>
    <dhcp>
      <range start='192.168.151.10' end='192.168.151.20'/>
    </dhcp>
  </ip>
</network>
"""

# udhcpc's hook: configure what the lease says, and show it.
DHCP_SCRIPT = textwrap.dedent("""\
    #!/bin/sh
    case "$1" in
    bound|renew)
        ip addr flush dev "$interface"
        ip addr add "$ip/$mask" dev "$interface"
        [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
        echo "LEASE $ip $mask ${router:-none}"
        ;;
    esac
    """)

# Accepts one TCP connection and prints the peer's address.
PEER_SERVER = ("import socket,sys\n"
               "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
               "s.bind(('10.77.0.2', 7777)); s.listen(1)\n"
               "print('listening', flush=True)\n"
               "c,a=s.accept(); print(a[0], flush=True)\n")


def run_virsh(daemon, *args, check=True):
    """daemon.virsh() with the result as an object (returncode, stdout, stderr)."""
    rc, out, err = daemon.virsh(*args, check=check)
    return types.SimpleNamespace(returncode=rc, stdout=out, stderr=err)


def have(cmd):
    return any(os.access(os.path.join(d, cmd), os.X_OK)
               for d in os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")
               + ["/usr/sbin", "/sbin"])


class NetworkTestBase(unittest.TestCase):
    """virtnetworkd in namespace d, with an upstream namespace u."""

    @classmethod
    def setUpClass(cls):
        if os.geteuid() != 0:
            raise unittest.SkipTest("needs root for network namespaces")
        for tool in ("ip", "dnsmasq", "nft", "busybox"):
            if not have(tool):
                raise unittest.SkipTest("%s is not installed" % tool)
        cls.nss = []
        cls.d = cls.netns("d")
        cls.u = cls.netns("u")
        harness.veth_into(cls.d, cls.u, "up0", "eth0")
        cls.d.run("ip", "addr", "add", "10.77.0.1/24", "dev", "up0")
        cls.u.run("ip", "addr", "add", "10.77.0.2/24", "dev", "eth0")
        cls.daemon = harness.Daemon(name="virtnetworkd", netns=cls.d,
                                    env=getattr(cls, "daemon_env", None))
        cls.daemon_config(cls.daemon.root)
        cls.daemon.start()
        cls.script = cls.daemon.path("dhcp-script")
        with open(cls.script, "w") as f:
            f.write(DHCP_SCRIPT)
        os.chmod(cls.script, 0o755)

    @classmethod
    def tearDownClass(cls):
        try:
            cls.daemon.cleanup()
        finally:
            for ns in cls.nss:
                ns.delete()

    @classmethod
    def daemon_config(cls, root):
        """Files the daemon reads at start (none by default)."""

    @classmethod
    def netns(cls, tag):
        ns = harness.NetNS("vt" + tag)
        cls.nss.append(ns)
        return ns

    # helpers -------------------------------------------------------------
    def virsh(self, *args, check=True):
        return run_virsh(self.daemon, *args, check=check)

    def define_start(self, xml, name):
        path = self.daemon.write_xml("net-" + name, xml)
        self.virsh("net-define", path)
        self.addCleanup(self.undefine, name)
        self.virsh("net-start", name)

    def undefine(self, name):
        self.virsh("net-destroy", name, check=False)
        self.virsh("net-undefine", name, check=False)

    def client(self, bridge, tag):
        """A namespace whose eth0 is plugged into bridge (in d)."""
        ns = self.netns(tag)
        self.addCleanup(ns.delete)
        port = "p" + ns.name[-8:]
        harness.veth_into(self.d, ns, port, "eth0")
        self.d.run("ip", "link", "set", port, "master", bridge)
        return ns

    def dhcp(self, ns):
        res = ns.run("busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-t", "8", "-T", "1",
                     "-x", "hostname:" + ns.name[:20], "-s", self.script, timeout=60)
        m = re.search(r"^LEASE (\S+) (\S+) (\S+)$", res.stdout, re.M)
        self.assertIsNotNone(m, res.stdout + res.stderr)
        return m.group(1), m.group(3)

    def nft_tables(self):
        return self.d.run("nft", "list", "tables").stdout

    def dnsmasq_pid(self, name):
        text = harness.read_text(self.daemon.path("run", "libvirt", "network", name + ".pid"))
        return int(text.strip()) if text and text.strip().isdigit() else None


class NatNetworkTest(NetworkTestBase):

    def test_nat_dhcp_dns_and_restart(self):
        self.define_start(NAT_XML, "nat1")
        info = harness.parse_kv(self.virsh("net-info", "nat1").stdout)
        self.assertEqual(info["Active"], "yes")
        self.assertEqual(info["Bridge"], "vtbr0")
        addrs = self.d.run("ip", "-o", "addr", "show", "dev", "vtbr0").stdout
        self.assertIn("192.168.150.1/24", addrs)
        self.assertIn("virtd", self.nft_tables())

        c1 = self.client("vtbr0", "c1")
        ip, router = self.dhcp(c1)
        last = int(ip.rsplit(".", 1)[1])
        self.assertTrue(ip.startswith("192.168.150.") and 100 <= last <= 120, ip)
        self.assertEqual(router, "192.168.150.1")

        # The lease as virsh shows it.
        mac = c1.run("cat", "/sys/class/net/eth0/address").stdout.strip()
        self.assertTrue(harness.wait_for(
            lambda: ip in self.virsh("net-dhcp-leases", "nat1").stdout, 10))
        leases = self.virsh("net-dhcp-leases", "nat1", "--mac", mac).stdout
        self.assertIn(mac, leases)
        self.assertIn(ip + "/24", leases)
        self.assertIn("ipv4", leases)

        # DNS: a <dns><host> entry, answered by dnsmasq on the bridge.
        res = c1.run("busybox", "nslookup", "alias7", "192.168.150.1", check=False)
        self.assertIn("192.168.150.7", res.stdout, res.stdout + res.stderr)

        # NAT: upstream sees the daemon side's address, not the guest's.
        server = self.u.popen("python3", "-c", PEER_SERVER, stdout=subprocess.PIPE, text=True)
        try:
            self.assertEqual(server.stdout.readline().strip(), "listening")
            c1.run("python3", "-c", "import socket; socket.create_connection(('10.77.0.2', 7777), 5).close()")
            self.assertEqual(server.stdout.readline().strip(), "10.77.0.1")
        finally:
            server.kill()
            server.wait()
            server.stdout.close()

        # A restart of virtnetworkd keeps dnsmasq, the bridge and the rules.
        pid = self.dnsmasq_pid("nat1")
        self.assertTrue(pid and harness.pid_alive(pid))
        self.daemon.restart()
        self.assertEqual(self.dnsmasq_pid("nat1"), pid)
        self.assertTrue(harness.pid_alive(pid))
        self.assertIn("virtd", self.nft_tables())
        self.assertIn("yes", self.virsh("net-info", "nat1").stdout)
        self.assertIn(ip, self.virsh("net-dhcp-leases", "nat1").stdout)

        # Stopping removes every interface and rule it made.
        self.virsh("net-destroy", "nat1")
        self.assertNotIn("vtbr0", self.d.run("ip", "-o", "link").stdout)
        self.assertNotIn("virtd", self.nft_tables())
        self.assertTrue(harness.wait_for(lambda: not harness.pid_alive(pid), 5))


class LiveUpdateTest(NetworkTestBase):
    """net-update on a running network reaches dnsmasq at once."""

    def test_dhcp_host_and_dns_host(self):
        self.define_start(NAT_XML, "nat1")
        c1 = self.client("vtbr0", "lu")
        mac = c1.run("cat", "/sys/class/net/eth0/address").stdout.strip()
        # A fixed address for this client, live and in the config.
        self.virsh("net-update", "nat1", "add", "ip-dhcp-host",
                   "<host mac='%s' name='fixed' ip='192.168.150.50'/>" % mac,
                   "--live", "--config")
        ip, _ = self.dhcp(c1)
        self.assertEqual(ip, "192.168.150.50")
        self.assertIn(mac, self.virsh("net-dumpxml", "nat1", "--inactive").stdout)
        # A new DNS name, answered without restarting dnsmasq.
        pid = self.dnsmasq_pid("nat1")
        self.virsh("net-update", "nat1", "add", "dns-host",
                   "<host ip='192.168.150.8'><hostname>late8</hostname></host>", "--live")
        res = c1.run("busybox", "nslookup", "late8", "192.168.150.1", check=False)
        self.assertIn("192.168.150.8", res.stdout, res.stdout + res.stderr)
        self.assertEqual(self.dnsmasq_pid("nat1"), pid)
        self.assertNotIn("late8", self.virsh("net-dumpxml", "nat1", "--inactive").stdout)
        # Deleting what is not there: an error, nothing changed.
        res = self.virsh("net-update", "nat1", "delete", "ip-dhcp-host",
                         "<host mac='52:54:00:00:00:99' ip='192.168.150.99'/>", "--live",
                         check=False)
        self.assertNotEqual(res.returncode, 0)


class IptablesFirewalldTest(NetworkTestBase):
    """The iptables backend from network.conf, and firewalld's zone for
    the bridge when firewalld is on the (here: a private) system bus."""

    @classmethod
    def setUpClass(cls):
        if not have("iptables") or not have("dbus-daemon"):
            raise unittest.SkipTest("iptables or dbus-daemon missing")
        try:
            import gi  # noqa: F401
        except ImportError:
            raise unittest.SkipTest("python3-gi missing for the fake firewalld")
        cls.busdir = tempfile.mkdtemp(prefix="virtd-bus-")
        os.chmod(cls.busdir, 0o755)
        cls.calls = os.path.join(cls.busdir, "calls")
        address = "unix:path=" + os.path.join(cls.busdir, "bus")
        cls.bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile",
                                    "--address=" + address], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS=address)
        harness.wait_for(lambda: os.path.exists(os.path.join(cls.busdir, "bus")), 10)
        cls.fake = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "fakes",
                                                                      "firewalld.py"),
                                     cls.calls], env=env, stdout=subprocess.PIPE, text=True)
        if cls.fake.stdout.readline().strip() != "owned":
            raise RuntimeError("the fake firewalld did not start")
        try:
            cls.daemon_env = {"DBUS_SYSTEM_BUS_ADDRESS": address}
            super().setUpClass()
        except BaseException:
            cls.stop_bus()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.stop_bus()

    @classmethod
    def stop_bus(cls):
        for p in (cls.fake, cls.bus):
            p.kill()
            p.wait()
        cls.fake.stdout.close()
        shutil.rmtree(cls.busdir, ignore_errors=True)

    @classmethod
    def daemon_config(cls, root):
        conf = os.path.join(root, "etc", "libvirt")
        os.makedirs(conf, exist_ok=True)
        with open(os.path.join(conf, "network.conf"), "w") as f:
            f.write('firewall_backend = "iptables"\n')

    def test_iptables_and_zone(self):
        self.define_start(ISO_XML, "iso1")
        rules = self.d.run("iptables-save").stdout
        self.assertIn("VIRTD_FWD_vtbr1", rules)
        self.assertNotIn("virtd", self.nft_tables())
        with open(self.calls) as f:
            self.assertIn("changeZoneOfInterface libvirt vtbr1", f.read())
        self.virsh("net-destroy", "iso1")
        self.assertNotIn("VIRTD_", self.d.run("iptables-save").stdout)
        with open(self.calls) as f:
            self.assertIn("removeInterface - vtbr1", f.read())


class IsolatedNetworkTest(NetworkTestBase):

    def test_isolated(self):
        self.define_start(ISO_XML, "iso1")
        a = self.client("vtbr1", "ia")
        b = self.client("vtbr1", "ib")
        ip_a, _ = self.dhcp(a)
        ip_b, _ = self.dhcp(b)
        self.assertTrue(ip_a.startswith("192.168.151.") and ip_b.startswith("192.168.151."))
        # Guests on the bridge reach each other...
        a.run("busybox", "ping", "-c", "1", "-W", "3", ip_b)
        # ...and nothing beyond it, even with a route through the bridge.
        a.run("ip", "route", "replace", "default", "via", "192.168.151.1")
        res = a.run("busybox", "ping", "-c", "1", "-W", "2", "10.77.0.2", check=False)
        self.assertNotEqual(res.returncode, 0, res.stdout)


class BadInputTest(NetworkTestBase):

    def test_overlap_and_bad_ranges(self):
        self.define_start(NAT_XML, "nat1")
        # The same subnet as a running network: refused, nothing made.
        other = NAT_XML.replace("nat1", "nat2").replace("vtbr0", "vtbr9")
        path = self.daemon.write_xml("net-nat2", other)
        self.virsh("net-define", path)
        self.addCleanup(self.undefine, "nat2")
        res = self.virsh("net-start", "nat2", check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("already in use", res.stderr)
        self.assertNotIn("vtbr9", self.d.run("ip", "-o", "link").stdout)
        self.assertIn("no", self.virsh("net-info", "nat2").stdout)

        # A subnet of a host route in the daemon's namespace: refused too.
        routed = (NAT_XML.replace("nat1", "nat3").replace("vtbr0", "vtbr3")
                  .replace("192.168.150", "10.77.0").replace("10.77.0.1'", "10.77.0.3'"))
        path = self.daemon.write_xml("net-nat3", routed)
        self.virsh("net-define", path)
        self.addCleanup(self.undefine, "nat3")
        res = self.virsh("net-start", "nat3", check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("already in use", res.stderr)

        # A bridge name some other interface has.
        taken = (NAT_XML.replace("nat1", "nat4").replace("vtbr0", "up0")
                 .replace("192.168.150", "192.168.160"))
        path = self.daemon.write_xml("net-nat4", taken)
        res = self.virsh("net-create", path, check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("up0", res.stderr)
        self.assertNotIn("nat4", self.virsh("net-list", "--all").stdout)

        # A DHCP range outside its subnet: not even defined.
        bad = (NAT_XML.replace("nat1", "nat5").replace("vtbr0", "vtbr5")
               .replace("192.168.150.120", "192.168.170.120"))
        path = self.daemon.write_xml("net-nat5", bad)
        res = self.virsh("net-define", path, check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("range", res.stderr)
        self.assertNotIn("nat5", self.virsh("net-list", "--all").stdout)


class GuestOnNetworkTest(NetworkTestBase):
    """A tiny QEMU guest with <interface type='network'> gets a lease."""

    def test_guest_dhcp(self):
        kernel, initrd = harness.guest_images()     # may skip
        self.define_start(NAT_XML, "nat1")
        qemud = harness.Daemon(name="virtqemud", root=self.daemon.root, netns=self.d)
        self.addCleanup(qemud.cleanup)
        qemud.start()
        name = "netguest"
        mac = "52:54:00:5e:00:01"
        os.makedirs(os.path.dirname(qemud.serial_log(name)), exist_ok=True)
        path = qemud.write_domain(name, uuid=str(uuidlib.uuid4()), kernel=kernel, initrd=initrd,
                                  serial_log=qemud.serial_log(name), extra_devices=(
            "<interface type='network'>\n"
            "  <mac address='%s'/>\n"
            "  <source network='nat1'/>\n"
            "  <model type='virtio'/>\n"
            "</interface>\n" % mac))
        qemud.virsh("define", path)
        qemud.virsh("start", name)
        self.addCleanup(lambda: qemud.virsh("destroy", name, check=False))
        # The live XML names the port and tap; the tap is on the bridge.
        live = run_virsh(qemud, "dumpxml", name).stdout
        self.assertRegex(live, r"<source network='nat1' portid='[0-9a-f-]{36}' bridge='vtbr0'/>")
        tap = re.search(r"<target dev='(vnet\d+)'/>", live).group(1)
        self.assertIn("master vtbr0", self.d.run("ip", "-o", "link", "show", tap).stdout)
        self.assertEqual(len(self.virsh("net-port-list", "nat1", "--uuid", check=False)
                             .stdout.split()), 1)

        serial = lambda: harness.read_text(qemud.serial_log(name)) or ""  # noqa: E731
        ok = harness.wait_for(lambda: "VIRTD-GUEST-IP" in serial(), 90, 0.5)
        self.assertTrue(ok, serial())
        ip = re.search(r"VIRTD-GUEST-IP \S+ (192\.168\.150\.\d+)/24", serial())
        self.assertIsNotNone(ip, serial())
        ip = ip.group(1)
        self.assertTrue(harness.wait_for(
            lambda: ip in self.virsh("net-dhcp-leases", "nat1").stdout, 10))
        self.assertIn(mac, self.virsh("net-dhcp-leases", "nat1").stdout)
        addrs = run_virsh(qemud, "domifaddr", name, "--source", "lease").stdout
        self.assertIn(ip + "/24", addrs)
        self.assertIn(mac, addrs)

        # Restarting either daemon keeps the guest plugged in: the port in
        # virtnetworkd, the tap on the bridge, the live XML in virtqemud.
        ports = self.virsh("net-port-list", "nat1", "--uuid").stdout.split()
        self.daemon.restart()
        self.assertEqual(self.virsh("net-port-list", "nat1", "--uuid").stdout.split(), ports)
        qemud.restart()
        self.assertEqual(run_virsh(qemud, "dumpxml", name).stdout, live)
        self.assertIn("master vtbr0", self.d.run("ip", "-o", "link", "show", tap).stdout)
        self.assertIn(ip, self.virsh("net-dhcp-leases", "nat1").stdout)

        # A second card attached live gets its own port and tap; detached,
        # both go again.
        mac2 = "52:54:00:5e:00:02"
        qemud.virsh("attach-interface", name, "network", "nat1", "--model", "virtio",
                    "--mac", mac2, "--live")
        live2 = run_virsh(qemud, "dumpxml", name).stdout
        tap2 = re.findall(r"<target dev='(vnet\d+)'/>", live2)
        self.assertEqual(len(tap2), 2, live2)
        tap2 = [t for t in tap2 if t != tap][0]
        self.assertIn("master vtbr0", self.d.run("ip", "-o", "link", "show", tap2).stdout)
        self.assertEqual(len(self.virsh("net-port-list", "nat1", "--uuid").stdout.split()), 2)
        qemud.virsh("detach-interface", name, "network", "--mac", mac2, "--live")
        self.assertTrue(harness.wait_for(
            lambda: mac2 not in run_virsh(qemud, "dumpxml", name).stdout, 30, 0.2))
        self.assertNotIn(tap2, self.d.run("ip", "-o", "link").stdout)
        self.assertEqual(self.virsh("net-port-list", "nat1", "--uuid").stdout.split(), ports)

        qemud.virsh("destroy", name)
        self.assertNotIn(tap, self.d.run("ip", "-o", "link").stdout)
        self.assertEqual(self.virsh("net-port-list", "nat1", "--uuid", check=False)
                         .stdout.split(), [])


if __name__ == "__main__":
    harness.main()
