package io.marketfeed.app.run;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/** Binds the run itself: its options from the command line and the {@link FeedRunner}. */
final class FeedModule extends AbstractModule {

    private final RunOptions options;

    FeedModule(RunOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    @Override
    protected void configure() {
        bind(RunOptions.class).toInstance(options);
        bind(FeedRunner.class).in(Scopes.SINGLETON);
    }
}
