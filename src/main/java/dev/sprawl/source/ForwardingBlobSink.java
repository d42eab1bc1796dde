package dev.sprawl.source;

/**
 * A sink that changes how blobs are accepted and passes everything else on to another sink, so a
 * new {@link BlobSink} method is forwarded in one place. {@link #recall} is not forwarded: a subclass
 * that only passes blobs on, or changes their provenances, overrides it to do the same there.
 */
public abstract class ForwardingBlobSink implements BlobSink {

    protected final BlobSink delegate;

    protected ForwardingBlobSink(BlobSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void warn(ScanWarning warning) {
        delegate.warn(warning);
    }

    @Override
    public void commitWalked() {
        delegate.commitWalked();
    }

    @Override
    public void forget(Object key) {
        delegate.forget(key);
    }
}
