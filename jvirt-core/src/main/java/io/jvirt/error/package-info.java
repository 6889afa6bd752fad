/**
 * Errors: libvirt's error numbers and domains and the exception hierarchy built on them.
 * Layer: core (no dependencies beyond the JDK).
 */
package io.jvirt.error;
