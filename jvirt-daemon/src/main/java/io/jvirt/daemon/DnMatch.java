package io.jvirt.daemon;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * tls_allowed_dn_list patterns ("C=GB,O=Example,CN=*") against a certificate subject. libvirt
 * writes DNs in certificate order; Java in RFC 2253's reverse order: both are accepted.
 */
final class DnMatch {
    private DnMatch() {
    }

    static boolean matches(String pattern, String rfc2253) {
        Pattern p = Pattern.compile(glob(pattern));
        return p.matcher(rfc2253).matches() || p.matcher(certificateOrder(rfc2253)).matches();
    }

    static String certificateOrder(String rfc2253) {
        try {
            List<String> parts = new ArrayList<>();
            for (Rdn r : new LdapName(rfc2253).getRdns()) { // LdapName lists RDNs right to left
                parts.add(r.toString());
            }
            return String.join(",", parts);
        } catch (InvalidNameException e) {
            return rfc2253;
        }
    }

    private static String glob(String g) {
        StringBuilder sb = new StringBuilder();
        for (char c : g.toCharArray()) {
            sb.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }

}
