/**
 * Post-parse defaults (assigned once at define time and persisted: UUID, MACs, implicit devices,
 * addresses, aliases) and the validator, whose rules are kept apart from parsing so a saved
 * definition always loads. Layer: xml; depends on the model and the codec.
 */
package io.jvirt.conf.post;
