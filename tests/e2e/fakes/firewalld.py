"""A stand-in for firewalld on a private D-Bus bus: owns its bus name and
answers the zone calls virtnetworkd makes, writing each one as a line
"METHOD ZONE INTERFACE" to the file named by argv[1].

    python3 firewalld.py CALLS_FILE     (DBUS_SYSTEM_BUS_ADDRESS names the bus)
"""

import sys

from gi.repository import Gio, GLib

NAME = "org.fedoraproject.FirewallD1"
PATH = "/org/fedoraproject/FirewallD1"
XML = """<node>
  <interface name='org.fedoraproject.FirewallD1.zone'>
    <method name='changeZoneOfInterface'>
      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='out'/>
    </method>
    <method name='removeInterface'>
      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='out'/>
    </method>
  </interface>
</node>"""


def main():
    calls = sys.argv[1]
    loop = GLib.MainLoop()
    bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
    node = Gio.DBusNodeInfo.new_for_xml(XML)

    def on_call(conn, sender, path, iface, method, params, invocation):
        zone, ifname = params.unpack()
        with open(calls, "a") as f:
            f.write("%s %s %s\n" % (method, zone or "-", ifname))
        invocation.return_value(GLib.Variant("(s)", (zone or "libvirt",)))

    bus.register_object(PATH, node.interfaces[0], on_call, None, None)
    Gio.bus_own_name_on_connection(bus, NAME, Gio.BusNameOwnerFlags.NONE,
                                   lambda *a: print("owned", flush=True), None)
    loop.run()


if __name__ == "__main__":
    main()
