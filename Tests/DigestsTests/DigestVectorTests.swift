import Testing
@testable import Digests

/// Published test vectors: FIPS 180-4 examples, RFC 1321 and RFC 4231.
@Suite struct DigestVectorTests {
    @Test func sha256OfStandardMessages() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sha256FedInPiecesEqualsTheWholeAndCopiesKeepTheirOwnState() {
        let message = Array(repeating: UInt8(ascii: "a"), count: 1_000_000)
        var hasher = SHA256()
        for start in stride(from: 0, to: message.count, by: 4093) {
            hasher.update(data: message[start..<min(start + 4093, message.count)])
        }
        #expect(Hex.string(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // finalize leaves the hasher usable; a copy diverges without touching the original.
        var copy = hasher
        copy.update(data: Array("x".utf8))
        #expect(Hex.string(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(copy.finalize() != hasher.finalize())
    }

    @Test func md5OfRFC1321Messages() {
        #expect(Hex.string(MD5.hash(data: Array("".utf8))) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(Hex.string(MD5.hash(data: Array("message digest".utf8))) == "f96b697d7cb7938d525a2f31aaf161d0")
    }

    @Test func hmacSHA256OfRFC4231Cases() {
        // Test case 1: 20-byte key.
        #expect(
            Hex.string(HMACSHA256.authenticationCode(for: Array("Hi There".utf8), key: [UInt8](repeating: 0x0b, count: 20)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        // Test case 2: a short key.
        #expect(
            Hex.string(HMACSHA256.authenticationCode(for: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Test case 6: a 131-byte key, longer than the block, is hashed first.
        let mac = HMACSHA256(key: [UInt8](repeating: 0xaa, count: 131))
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(Hex.string(mac.authenticationCode(for: message)) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        // The same object gives the same code again (its key state is not consumed).
        #expect(Hex.string(mac.authenticationCode(for: message)) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }
}
