#!/usr/bin/python3
"""python3-libvirt (Debian's, for /usr/bin/python3) against our daemon."""

import uuid as uuidlib
import xml.etree.ElementTree as ET

import harness

try:
    import libvirt
except ImportError:  # pragma: no cover - only when run with the wrong python
    libvirt = None


def silence(ctx, err):
    """libvirt prints every error to stderr unless a handler is set."""


class PythonTest(harness.DaemonTestCase):

    @classmethod
    def setUpClass(cls):
        if libvirt is None:
            raise RuntimeError("python3-libvirt not importable; run with /usr/bin/python3")
        libvirt.registerErrorHandler(silence, None)
        super().setUpClass()

    def setUp(self):
        super().setUp()
        self.conn = libvirt.open(self.daemon.uri)
        self.assertIsNotNone(self.conn)

    def tearDown(self):
        try:
            self.conn.close()
        except libvirt.libvirtError:
            pass
        super().tearDown()

    def test_connection(self):
        c = self.conn
        self.assertEqual(c.getType(), "QEMU")
        self.assertEqual(c.getLibVersion(), 9000000)
        ver = harness.qemu_version()
        if ver:
            major, minor, micro = (int(x) for x in ver.split("."))
            self.assertEqual(c.getVersion(), major * 1000000 + minor * 1000 + micro)
        self.assertEqual(c.getURI(), self.daemon.uri)
        self.assertEqual(c.isSecure(), 1)
        self.assertEqual(c.isAlive(), 1)
        info = c.getInfo()
        self.assertEqual(info[0], "x86_64")
        self.assertGreater(info[1], 0)
        self.assertGreater(info[2], 0)
        caps = ET.fromstring(c.getCapabilities())
        self.assertEqual(caps.tag, "capabilities")

    def test_lookup_info_xml(self):
        name = "py-dom"
        uid = str(uuidlib.uuid4())
        self.define(name, uuid=uid)
        dom = self.conn.lookupByName(name)
        self.assertEqual(dom.name(), name)
        self.assertEqual(dom.UUIDString(), uid)
        self.assertEqual(dom.ID(), -1)
        self.assertEqual(dom.info(), [libvirt.VIR_DOMAIN_SHUTOFF, 131072, 131072, 1, 0])
        self.assertEqual(dom.isActive(), 0)
        self.assertEqual(dom.isPersistent(), 1)
        self.assertEqual(dom.OSType(), "hvm")
        self.assertEqual(dom.state(), [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_UNKNOWN])
        root = ET.fromstring(dom.XMLDesc())
        self.assertEqual(root.findtext("name"), name)
        self.assertEqual(root.findtext("uuid"), uid)
        self.assertEqual(self.conn.lookupByUUIDString(uid).name(), name)

        dom.create()
        self.assertGreater(dom.ID(), 0)
        with self.assertRaises(libvirt.libvirtError) as cm:
            dom.create()
        self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_OPERATION_INVALID)
        self.assertIn("already running", cm.exception.get_error_message())
        self.assertEqual(self.conn.lookupByID(dom.ID()).name(), name)
        state, maxmem, mem, ncpu, cputime = dom.info()
        self.assertEqual(state, libvirt.VIR_DOMAIN_RUNNING)
        self.assertEqual((maxmem, ncpu), (131072, 1))
        self.assertEqual(dom.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_BOOTED])
        self.assertEqual(ET.fromstring(dom.XMLDesc()).get("id"), str(dom.ID()))
        dom.suspend()
        self.assertEqual(dom.state(), [libvirt.VIR_DOMAIN_PAUSED, libvirt.VIR_DOMAIN_PAUSED_USER])
        dom.resume()
        self.assertEqual(dom.state()[0], libvirt.VIR_DOMAIN_RUNNING)
        dom.destroy()
        self.assertEqual(dom.state(), [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_DESTROYED])

    def test_list_all_domains(self):
        names = ["py-list-a", "py-list-b"]
        for n in names:
            self.define(n)
        self.conn.lookupByName("py-list-b").create()
        doms = {d.name(): d for d in self.conn.listAllDomains()}
        for n in names:
            self.assertIn(n, doms)
        active = [d.name() for d in self.conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE)]
        inactive = [d.name() for d in self.conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE)]
        self.assertIn("py-list-b", active)
        self.assertNotIn("py-list-a", active)
        self.assertIn("py-list-a", inactive)
        self.assertNotIn("py-list-b", inactive)
        # legacy listing APIs
        self.assertIn(doms["py-list-b"].ID(), self.conn.listDomainsID())
        self.assertIn("py-list-a", self.conn.listDefinedDomains())
        self.assertEqual(self.conn.numOfDomains(), len(self.conn.listDomainsID()))
        self.assertEqual(self.conn.numOfDefinedDomains(), len(self.conn.listDefinedDomains()))

    def test_define_undefine(self):
        name = self.track("py-define")
        dom = self.conn.defineXML(harness.domain_xml(name))
        self.assertEqual(dom.name(), name)
        self.assertEqual(self.domstate(name), "shut off (unknown)")
        dom.undefine()
        with self.assertRaises(libvirt.libvirtError) as cm:
            self.conn.lookupByName(name)
        self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_NO_DOMAIN)

    def test_vcpus(self):
        # dom.vcpus() asks for the host's CPU map first (NODE_GET_CPU_MAP).
        name = self.track("py-vcpus")
        dom = self.conn.createXML(harness.domain_xml(name, vcpus=2))
        try:
            info, maps = dom.vcpus()
            self.assertEqual([v[0] for v in info], [0, 1])
            ncpus, online, _ = self.conn.getCPUMap()
            self.assertEqual(len(maps), 2)
            self.assertTrue(all(len(m) == ncpus for m in maps), maps)
            self.assertTrue(1 <= sum(online) <= ncpus, online)
        finally:
            dom.destroy()

    def test_create_transient(self):
        name = self.track("py-transient")
        dom = self.conn.createXML(harness.domain_xml(name))
        self.assertEqual(dom.isPersistent(), 0)
        self.assertEqual(dom.isActive(), 1)
        dom.destroy()
        with self.assertRaises(libvirt.libvirtError) as cm:
            self.conn.lookupByName(name)
        self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_NO_DOMAIN)

    def test_unknown_domain_error(self):
        with self.assertRaises(libvirt.libvirtError) as cm:
            self.conn.lookupByName("no-such-domain")
        e = cm.exception
        self.assertEqual(e.get_error_code(), libvirt.VIR_ERR_NO_DOMAIN)
        self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_QEMU)
        self.assertEqual(e.get_error_level(), libvirt.VIR_ERR_ERROR)
        self.assertEqual(e.get_error_message(),
                         "Domain not found: no domain with matching name 'no-such-domain'")
        with self.assertRaises(libvirt.libvirtError) as cm:
            self.conn.lookupByUUIDString("00000000-0000-0000-0000-000000000000")
        self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_NO_DOMAIN)
        with self.assertRaises(libvirt.libvirtError) as cm:
            self.conn.lookupByID(99999)
        self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_NO_DOMAIN)

    def test_error_codes(self):
        name = "py-errors"
        self.define(name)
        dom = self.conn.lookupByName(name)
        with self.assertRaises(libvirt.libvirtError) as cm:
            dom.suspend()
        self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_OPERATION_INVALID)
        with self.assertRaises(libvirt.libvirtError) as cm:
            self.conn.defineXML("<domain type='qemu'><name>broken</name>")
        self.assertIn(cm.exception.get_error_code(),
                      (libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_ERR_XML_DETAIL))
        with self.assertRaises(libvirt.libvirtError) as cm:
            self.conn.defineXML(harness.domain_xml(name, uuid=str(uuidlib.uuid4())))
        self.assertIn("already exists", cm.exception.get_error_message())

    def test_readonly_connection(self):
        name = "py-ro"
        self.define(name)
        ro = libvirt.openReadOnly(self.daemon.ro_uri)
        try:
            dom = ro.lookupByName(name)
            self.assertEqual(dom.info()[0], libvirt.VIR_DOMAIN_SHUTOFF)
            with self.assertRaises(libvirt.libvirtError) as cm:
                dom.create()
            self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_OPERATION_DENIED)
            with self.assertRaises(libvirt.libvirtError) as cm:
                ro.defineXML(harness.domain_xml("py-ro-new"))
            self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_OPERATION_DENIED)
            self.assertIn("read only access", cm.exception.get_error_message())
        finally:
            ro.close()
        self.assertNotIn("py-ro-new", [d.name() for d in self.conn.listAllDomains()])

    def test_many_connections(self):
        conns = [libvirt.open(self.daemon.uri) for _ in range(20)]
        try:
            for c in conns:
                self.assertEqual(c.getType(), "QEMU")
        finally:
            for c in conns:
                c.close()
        self.assertEqual(self.conn.getType(), "QEMU")


if __name__ == "__main__":
    harness.main()
