"""python-libvirt (Debian python3-libvirt, libvirt 9.0) against jvirtd.

Usage: /usr/bin/python3 jvirtd_client.py URI GUEST_XML
Prints one "KEY value" line per observation; the Java test asserts them.
"""
import sys
import threading
import time

import libvirt

uri, xml_path = sys.argv[1], sys.argv[2]
events = []
lock = threading.Lock()


def lifecycle(conn, dom, event, detail, opaque):
    with lock:
        events.append((dom.name(), event, detail))


libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open(uri)


def loop():
    while True:
        libvirt.virEventRunDefaultImpl()


threading.Thread(target=loop, daemon=True).start()
cb = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle, None)

print("TYPE", conn.getType())
print("VERSION", conn.getVersion())
print("LIBVERSION", conn.getLibVersion())
print("HOSTNAME_NONEMPTY", bool(conn.getHostname()))
print("CAPS_OK", conn.getCapabilities().startswith("<capabilities>"))
print("NODEINFO_CPUS", conn.getInfo()[2])

devs = conn.listAllDevices(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV)
print("NODEDEV_PCI", " ".join(sorted(d.name() for d in devs)))
computer = conn.nodeDeviceLookupByName("computer")
print("NODEDEV_COMPUTER", computer.parent(), computer.listCaps(), computer.XMLDesc(0).startswith("<device>"))
print("NODEDEV_NUM_PCI", conn.numOfDevices("pci", 0), len(conn.listDevices("pci", 0)))
try:
    conn.nodeDeviceLookupByName("pci_0000_ff_1f_7")
except libvirt.libvirtError as e:
    print("NODEDEV_ERROR", e.get_error_code(), libvirt.VIR_ERR_NO_NODE_DEVICE)

with open(xml_path) as f:
    dom = conn.defineXML(f.read())
print("DEFINED", dom.name(), dom.UUIDString())
print("PERSISTENT", dom.isPersistent())
print("LIST_ALL", sorted(d.name() for d in conn.listAllDomains(0)))
print("STATE_INACTIVE", dom.state())
dom.create()
print("ACTIVE", dom.isActive(), "ID", dom.ID())
print("BY_ID", conn.lookupByID(dom.ID()).name())
print("BY_UUID", conn.lookupByUUIDString(dom.UUIDString()).name())
print("STATE_RUNNING", dom.state())
info = dom.info()
print("INFO", info[0], info[1], info[3])
print("XML_HAS_ID", "id='%d'" % dom.ID() in dom.XMLDesc(0))
dom.suspend()
print("STATE_PAUSED", dom.state())
dom.resume()
print("STATE_RESUMED", dom.state())
try:
    conn.lookupByName("no-such-domain")
except libvirt.libvirtError as e:
    print("ERROR_CODE", e.get_error_code(), "NO_DOMAIN", libvirt.VIR_ERR_NO_DOMAIN)
dom.destroy()
print("STATE_DESTROYED", dom.state())
dom.undefine()
deadline = time.time() + 10
while time.time() < deadline:
    with lock:
        if any(e[1] == libvirt.VIR_DOMAIN_EVENT_UNDEFINED for e in events):
            break
    time.sleep(0.05)
with lock:
    for name, event, detail in events:
        print("EVENT", name, event, detail)
conn.domainEventDeregisterAny(cb)
conn.close()
print("DONE")
