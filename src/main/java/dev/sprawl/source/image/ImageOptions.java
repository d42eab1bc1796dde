package dev.sprawl.source.image;

/**
 * How container images are read.
 *
 * @param platform  {@code os/arch[/variant]} to pick from multi-platform images ({@code --platform}),
 *                  or null for every platform
 * @param plainHttp talk to every registry over plain HTTP ({@code --insecure-registry}); loopback
 *                  registries always are
 */
public record ImageOptions(String platform, boolean plainHttp) {

    public static final ImageOptions DEFAULTS = new ImageOptions(null, false);

    public ImageOptions {
        if (platform != null && !Platform.valid(platform)) {
            throw new IllegalArgumentException("platform must be os/arch or os/arch/variant: " + platform);
        }
    }
}
