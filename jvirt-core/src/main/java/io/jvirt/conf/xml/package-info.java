/**
 * The XML codec: a hardened reader, consumption-tracking elements (anything not understood is
 * refused by name and line), one parse/format pair per part of the document, and a writer in
 * libvirt's style. Parsing does syntax and type conversion only. Layer: xml; depends on the model.
 */
package io.jvirt.conf.xml;
