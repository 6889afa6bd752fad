/**
 * The domain model: immutable records ({@code *Def}) for everything a domain XML document says,
 * with absent values kept distinct from defaults. Layer: model; depends on nothing but the JDK
 * and {@code io.jvirt.error}.
 */
package io.jvirt.conf;
