/**
 * Execute: the configured gateways, their HikariCP pools and drop slots, and the sending of rendered statements
 * on them. {@link dev.envsweep.core.execute.DropSender} sends one environment's statements in order on one
 * connection (as one transaction where the engine's DDL is transactional, sent again one by one if it fails)
 * and collects one result row per statement; {@link dev.envsweep.core.execute.DropWorkers} runs several
 * environments at once. The rows go back to {@code lifecycle}, which records them in {@code state}.
 */
package dev.envsweep.core.execute;
