#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/blue-green-lifecycle-one-thread-per-stack";

const app = new cdk.App();
new ChatOpsStack(app, "blue-green-lifecycle-one-thread-per");
app.synth();
