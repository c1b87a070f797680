/**
 * The one seam to clients: {@link dev.envsweep.core.meta.EnvsweepMeta}, an Avatica {@code Meta} that the HTTP
 * server serves through Avatica's {@code LocalService} and the in-process driver
 * ({@link dev.envsweep.core.meta.EnvsweepDriver}, {@code jdbc:envsweep:}) calls directly, so both run one code
 * path and every {@code java.sql} object a user holds is Avatica's. Per client session it routes each statement
 * (the {@code sql} package's prefilter decides): envsweep's to the parser and the lifecycle's executor,
 * {@code sys.*} queries to Calcite, everything else byte for byte to a connection of the session's own on the
 * default gateway. Results leave a frame at a time, in column types and values every Avatica serialization can
 * carry; errors leave with an SQLSTATE and never break the connection; sessions can be listed, cancelled and
 * timed out.
 */
package dev.envsweep.core.meta;
