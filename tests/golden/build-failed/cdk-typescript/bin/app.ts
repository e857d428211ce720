#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/code-build-build-failed-recent-builds-stack";

const app = new cdk.App();
new ChatOpsStack(app, "code-build-build-failed-recent-builds");
app.synth();
