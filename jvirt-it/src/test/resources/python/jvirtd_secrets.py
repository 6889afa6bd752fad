# python3-libvirt (Debian's, libvirt 9.0) managing secrets through jvirtd: prints one line per
# step for the Java test to check. Usage: jvirtd_secrets.py URI
import sys
import libvirt

conn = libvirt.open(sys.argv[1])
xml = ("<secret ephemeral='no' private='no'><uuid>22222222-3333-4444-5555-666666666666</uuid>"
       "<usage type='ceph'><name>client.py</name></usage></secret>")
s = conn.secretDefineXML(xml, 0)
print("DEFINED", s.UUIDString(), s.usageType(), s.usageID())
s.setValue(b"\x00py-secret\xff", 0)
print("VALUE", s.value(0).hex())
print("LIST", [x.UUIDString() for x in conn.listAllSecrets(0)])
print("BY_USAGE", conn.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_CEPH, "client.py").UUIDString())
print("NUM", conn.numOfSecrets())
try:
    conn.secretLookupByUUIDString("99999999-9999-9999-9999-999999999999")
except libvirt.libvirtError as e:
    print("ERROR_CODE", e.get_error_code(), "NO_SECRET", libvirt.VIR_ERR_NO_SECRET)
s.undefine()
print("AFTER_UNDEFINE", conn.numOfSecrets())
print("DONE")
