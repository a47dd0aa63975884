package org.triax.predict;

import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's codec hook for uncompressed pages. Parquet's own codec factory loads Hadoop's
 * compression classes (~50 MB of jars) even for uncompressed files; verdict rows are a few hundred
 * bytes each, so triax writes them uncompressed and ships no Hadoop.
 */
final class UncompressedCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) {
                return bytes;
            }

            @Override
            public CompressionCodecName getCodecName() {
                return CompressionCodecName.UNCOMPRESSED;
            }

            @Override
            public void release() {
                // holds nothing
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
                return bytes;
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
                output.put(input);
            }

            @Override
            public void release() {
                // holds nothing
            }
        };
    }

    @Override
    public void release() {
        // holds nothing
    }

    private static void check(CompressionCodecName codec) {
        if (codec != CompressionCodecName.UNCOMPRESSED) {
            throw new IllegalArgumentException("only uncompressed Parquet pages are written and read here, not " + codec);
        }
    }
}
