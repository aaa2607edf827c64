package io.oktaconnector.examples;

import io.oktaconnector.api.EntityMapping;

/**
 * One step of the {@code demo} command. The fulfill issue adds a step that runs a small sample of provisioning orders
 * against the demo org and prints their results.
 */
interface DemoStep {

    /** @return the heading printed before the step */
    String title();

    /**
     * Runs the step, printing its results on {@link DemoContext#out()}.
     *
     * @param ctx the demo org and its connection
     * @throws io.oktaconnector.api.ConnectorException when the step fails: the demo stops with one {@code error:} line
     */
    void run(DemoContext ctx);

    /** Exports the demo org with the default columns into the output folder. */
    final class Export implements DemoStep {
        @Override
        public String title() {
            return "Export";
        }

        @Override
        public void run(DemoContext ctx) {
            ctx.exporter().export(ctx.settings(), EntityMapping.DEFAULTS, ctx.outputDir());
        }
    }
}
