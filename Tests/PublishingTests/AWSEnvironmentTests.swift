import Foundation
import Testing

@testable import Publishing

@Suite struct AWSEnvironmentTests {
    @Test func environmentKeysComeFirst() throws {
        let env = AWSEnvironment(variables: [
            "AWS_ACCESS_KEY_ID": "AKIAENVIRONMENT1234", "AWS_SECRET_ACCESS_KEY": "s3cr3t/+=", "AWS_SESSION_TOKEN": "tok",
            "AWS_PROFILE": "other", "HOME": "/nonexistent",
        ])
        let credentials = try env.credentials()
        #expect(credentials == AWSCredentials(accessKeyId: "AKIAENVIRONMENT1234", secretAccessKey: "s3cr3t/+=", sessionToken: "tok", source: "environment"))
        // Never the secret or the token, only the key's last four characters.
        #expect(credentials.description == "access key …1234 with session token from environment")
        #expect(!credentials.description.contains("s3cr3t"))
        #expect(!credentials.description.contains("tok "))
    }

    @Test func halfAKeyPairIsAnError() {
        let env = AWSEnvironment(variables: ["AWS_ACCESS_KEY_ID": "AKIA", "HOME": "/nonexistent"])
        #expect(throws: PublishError.noCredentials(reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")) {
            try env.credentials()
        }
    }

    @Test func profileFromSharedCredentialsFile() throws {
        let dir = scratch("credentials")
        let file = dir.appendingPathComponent("credentials")
        try """
            # comment
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key = defaultsecret

            [publisher]
            AWS_ACCESS_KEY_ID=AKIAPUBLISHER
            aws_secret_access_key = pub/secret+key
            aws_session_token = pubtoken
            ; another comment
            """.write(to: file, atomically: true, encoding: .utf8)
        let base = ["AWS_SHARED_CREDENTIALS_FILE": file.path, "HOME": "/nonexistent"]
        let byDefault = try AWSEnvironment(variables: base).credentials()
        #expect(byDefault.accessKeyId == "AKIADEFAULT")
        #expect(byDefault.sessionToken == nil)
        var named = base
        named["AWS_PROFILE"] = "publisher"
        let publisher = try AWSEnvironment(variables: named).credentials()
        #expect(publisher == AWSCredentials(accessKeyId: "AKIAPUBLISHER", secretAccessKey: "pub/secret+key", sessionToken: "pubtoken", source: "profile publisher in \(file.path)"))
        named["AWS_PROFILE"] = "missing"
        #expect(throws: PublishError.noCredentials(reason: "profile missing is not in \(file.path)")) {
            try AWSEnvironment(variables: named).credentials()
        }
    }

    @Test func homeCredentialsFileAndMalformedLines() throws {
        let home = scratch("home")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        let file = home.appendingPathComponent(".aws/credentials")
        try "[default]\naws_access_key_id = AKIAHOME\naws_secret_access_key = x\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try AWSEnvironment(variables: ["HOME": home.path]).credentials().accessKeyId == "AKIAHOME")
        try "[default]\nthis line has no equals sign\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: PublishError.credentialsFile(path: file.path, line: 2, reason: "expected key = value")) {
            try AWSEnvironment(variables: ["HOME": home.path]).credentials()
        }
    }

    @Test func regionOrder() {
        #expect(AWSEnvironment(variables: [:]).region == "us-east-1")
        #expect(AWSEnvironment(variables: ["AWS_DEFAULT_REGION": "eu-west-1"]).region == "eu-west-1")
        #expect(AWSEnvironment(variables: ["AWS_DEFAULT_REGION": "eu-west-1", "AWS_REGION": "ap-south-1"]).region == "ap-south-1")
    }

    @Test func locationsAndEndpoints() throws {
        let location = try S3Location(parsing: "s3://my-bucket/reports/partd/")
        #expect(location == S3Location(bucket: "my-bucket", prefix: "reports/partd"))
        #expect(location.key(for: "index.html") == "reports/partd/index.html")
        #expect(location.path(for: "reports/partd/a/b.css") == "a/b.css")
        #expect(location.path(for: "reports/partdX/a") == nil)
        #expect(try S3Location(parsing: "s3://bucket").prefix == "")
        #expect(throws: PublishError.self) { try S3Location(parsing: "s3://Bad_Bucket/x") }
        let local = try S3Endpoint(bucket: "b", region: "us-east-1", endpointURL: "http://127.0.0.1:9000/")
        #expect(local.origin == "http://127.0.0.1:9000")
        #expect(local.bucketPath == "/b")
        #expect(local.host == "127.0.0.1:9000")
        let aws = try S3Endpoint(bucket: "b", region: "eu-west-1", endpointURL: nil)
        #expect(aws.origin == "https://b.s3.eu-west-1.amazonaws.com")
        #expect(aws.host == "b.s3.eu-west-1.amazonaws.com")
        #expect(aws.bucketPath == "")
        #expect(try S3Endpoint(bucket: "b", region: "x", endpointURL: "http://h:80").host == "h")
    }

    @Test func gateRecords() throws {
        let site = scratch("gates")
        #expect(try GateRecord.read(siteRoot: site) == nil)
        let file = site.appendingPathComponent(GateRecord.fileName)
        try Data(#"{"passed": false, "failed": ["max_quarantine_share: 7.1% > 5%"]}"#.utf8).write(to: file)
        #expect(try GateRecord.read(siteRoot: site) == GateRecord(passed: false, failed: ["max_quarantine_share: 7.1% > 5%"]))
        try Data(#"{"passed": true}"#.utf8).write(to: file)
        #expect(try GateRecord.read(siteRoot: site) == GateRecord(passed: true, failed: []))
        try Data(#"{"passed": 1}"#.utf8).write(to: file)
        #expect(throws: PublishError.gateRecordInvalid(path: file.path, reason: "\"passed\" is not true or false")) {
            try GateRecord.read(siteRoot: site)
        }
        try Data(#"{"ok": true}"#.utf8).write(to: file)
        #expect(throws: PublishError.gateRecordInvalid(path: file.path, reason: "\"passed\" is missing")) {
            try GateRecord.read(siteRoot: site)
        }
    }
}
