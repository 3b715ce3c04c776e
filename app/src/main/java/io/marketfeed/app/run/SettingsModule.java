package io.marketfeed.app.run;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.marketfeed.app.config.AppSettings;

/** Binds the runner's validated settings, as an instance: nothing reads configuration after validation. */
final class SettingsModule extends AbstractModule {

    private final AppSettings settings;

    SettingsModule(AppSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(AppSettings.class).toInstance(settings);
    }
}
