package io.marketfeed.app.run;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;

/**
 * Binds the enabled providers with the protocols their {@code create()} built during validation, and the
 * configured sinks. Providers
 * themselves never see Guice: they get plain settings and are driven through the runtime's public API.
 */
final class ProvidersModule extends AbstractModule {

    private final EnabledProviders providers;
    private final ConfiguredSinks sinks;

    ProvidersModule(EnabledProviders providers, ConfiguredSinks sinks) {
        this.providers = requireNonNull(providers, "providers is null");
        this.sinks = requireNonNull(sinks, "sinks is null");
    }

    @Override
    protected void configure() {
        bind(EnabledProviders.class).toInstance(providers);
        bind(ConfiguredSinks.class).toInstance(sinks);
    }
}
