/**
 * Render: a gateway plan, the catalogue listing and the drop mode become the exact statements to send, in the
 * gateway's dialect. The ownership guard decides here: a drop that would remove an object the environment does
 * not own becomes a FAILED row instead of a statement, and a listing taken once per page
 * ({@link dev.envsweep.core.render.CatalogueSnapshot}) spares a query per environment. The
 * {@link dev.envsweep.core.render.RenderedStep}s go to {@code execute}; EXPLAIN is rendering without sending
 * ({@link dev.envsweep.core.render.PlannedRows}). The only queries sent here read the catalogue.
 */
package dev.envsweep.core.render;
